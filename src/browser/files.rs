//! Files the learner saves or opens (the progress export), and the class summary's CSV.

use wasm_bindgen::JsCast;

/// Offers `text` as a JSON file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    download_as(name, text, "application/json")
}

/// Offers `text` as a file download named `name`, of media type `mime`.
pub fn download_as(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make the file")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot make the link")?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The bytes of a chosen file, unless it is larger than `limit` (then its size, unread).
pub async fn read(file: web_sys::File, limit: usize) -> Result<Vec<u8>, Option<usize>> {
    let size = file.size() as usize;
    if size > limit {
        return Err(Some(size));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| None)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
