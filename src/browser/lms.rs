//! The SCORM runtime: finds the LMS's API object (SCORM 2004 `API_1484_11` or SCORM 1.2 `API`)
//! in a parent window or the opener, and calls it. What to report is core::lms's business.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::lms::Standard;

pub struct Lms {
    api: JsValue,
    pub standard: Standard,
}

/// The API in `window`, if there is one and the window may be read (a parent of another
/// origin may not: that is the end of the search, not an error).
fn api_in(window: &JsValue) -> Option<Lms> {
    for (name, standard) in [
        ("API_1484_11", Standard::Scorm2004),
        ("API", Standard::Scorm12),
    ] {
        if let Ok(api) = Reflect::get(window, &name.into()) {
            if api.is_object() {
                return Some(Lms { api, standard });
            }
        }
    }
    None
}

/// Walks up the parents (as the SCORM run-time specifications describe, at most a few levels),
/// then the opener and its parents.
/// Finds the LMS's API and starts the session; `None` when there is no LMS, or it refuses.
pub fn connect() -> Option<Lms> {
    let api = find()?;
    if api.initialize() {
        Some(api)
    } else {
        leptos::logging::warn!("the LMS did not initialise the session; running without it");
        None
    }
}

fn find() -> Option<Lms> {
    let window = web_sys::window()?;
    let mut starts: Vec<JsValue> = vec![window.clone().into()];
    if let Ok(opener) = window.opener() {
        if opener.is_object() {
            starts.push(opener);
        }
    }
    for start in starts {
        let mut current = start;
        for _ in 0..10 {
            if let Some(lms) = api_in(&current) {
                return Some(lms);
            }
            let parent = Reflect::get(&current, &"parent".into()).ok()?;
            if !parent.is_object() || js_sys::Object::is(&parent, &current) {
                break;
            }
            current = parent;
        }
    }
    None
}

impl Lms {
    fn call(&self, name: &str, args: &[&str]) -> Option<String> {
        let function: Function = Reflect::get(&self.api, &name.into())
            .ok()?
            .dyn_into()
            .ok()?;
        let args: Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let result = function.apply(&self.api, &args).ok()?;
        result
            .as_string()
            .or_else(|| result.as_bool().map(|b| b.to_string()))
    }

    fn ok(&self, name: &str, args: &[&str]) -> bool {
        self.call(name, args).as_deref() == Some("true")
    }

    pub fn initialize(&self) -> bool {
        match self.standard {
            Standard::Scorm12 => self.ok("LMSInitialize", &[""]),
            Standard::Scorm2004 => self.ok("Initialize", &[""]),
        }
    }

    pub fn get(&self, element: &str) -> String {
        let name = match self.standard {
            Standard::Scorm12 => "LMSGetValue",
            Standard::Scorm2004 => "GetValue",
        };
        self.call(name, &[element]).unwrap_or_default()
    }

    pub fn set(&self, element: &str, value: &str) -> bool {
        match self.standard {
            Standard::Scorm12 => self.ok("LMSSetValue", &[element, value]),
            Standard::Scorm2004 => self.ok("SetValue", &[element, value]),
        }
    }

    pub fn commit(&self) -> bool {
        match self.standard {
            Standard::Scorm12 => self.ok("LMSCommit", &[""]),
            Standard::Scorm2004 => self.ok("Commit", &[""]),
        }
    }

    pub fn terminate(&self) -> bool {
        match self.standard {
            Standard::Scorm12 => self.ok("LMSFinish", &[""]),
            Standard::Scorm2004 => self.ok("Terminate", &[""]),
        }
    }

    /// Whether the LMS relaunches an attempt that was suspended.
    pub fn resuming(&self) -> bool {
        match self.standard {
            Standard::Scorm12 => self.get("cmi.core.entry") == "resume",
            Standard::Scorm2004 => self.get("cmi.entry") == "resume",
        }
    }
}
