//! The imsmanifest.xml of a SCORM package, for SCORM 1.2 and SCORM 2004 4th edition.
//!
//! The XSD control files are not shipped: LMSs read the namespaces, not the schemas.

use super::{escape, normalized};

/// The SCORM editions LMSs ask for: 1.2 is the one every LMS takes, 2004 4th edition the one
/// with a normalised score and sequencing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    Scorm12,
    Scorm2004,
}

impl Standard {
    pub const ALL: [Standard; 2] = [Standard::Scorm12, Standard::Scorm2004];

    /// The short name in package file names.
    pub fn slug(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12",
            Standard::Scorm2004 => "scorm2004",
        }
    }
}

/// What one package holds and how an LMS launches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub standard: Standard,
    /// The manifest's identifier; anything that is not a valid XML ID is made into one.
    pub identifier: String,
    pub title: String,
    /// The page the LMS opens, relative to the package root, e.g. `index.html?role=front-desk`.
    pub launch: String,
    /// The score, in percent, at which the learner has mastered the course (above 100 reads as 100).
    pub mastery_percent: u32,
    /// Every file of the app, relative to the package root, '/' separated.
    pub files: Vec<String>,
}

/// The package's imsmanifest.xml.
pub fn manifest(p: &Package) -> String {
    let id = xml_id(&p.identifier);
    let title = escape(&p.title);
    let mastery = p.mastery_percent.min(100);
    let (namespaces, schema_version, scorm_type, mastery_xml) = match p.standard {
        Standard::Scorm12 => (
            concat!(
                "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n",
                "          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"",
            ),
            "1.2",
            "adlcp:scormtype",
            format!("        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>\n"),
        ),
        Standard::Scorm2004 => (
            concat!(
                "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n",
                "          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n",
                "          xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n",
                "          xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n",
                "          xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"",
            ),
            "2004 4th Edition",
            "adlcp:scormType",
            // The LMS marks the objective satisfied once the reported scaled score reaches the
            // measure, so "passed" means the same in both editions.
            format!(
                concat!(
                    "        <imsss:sequencing>\n",
                    "          <imsss:objectives>\n",
                    "            <imsss:primaryObjective objectiveID=\"mastery\" satisfiedByMeasure=\"true\">\n",
                    "              <imsss:minNormalizedMeasure>{}</imsss:minNormalizedMeasure>\n",
                    "            </imsss:primaryObjective>\n",
                    "          </imsss:objectives>\n",
                    "        </imsss:sequencing>\n",
                ),
                normalized(mastery)
            ),
        ),
    };

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml += &format!("<manifest identifier=\"{id}\" version=\"1.0\"\n          {namespaces}>\n");
    xml += "  <metadata>\n";
    xml += "    <schema>ADL SCORM</schema>\n";
    xml += &format!("    <schemaversion>{schema_version}</schemaversion>\n");
    xml += "  </metadata>\n";
    xml += &format!("  <organizations default=\"{id}-org\">\n");
    xml += &format!("    <organization identifier=\"{id}-org\">\n");
    xml += &format!("      <title>{title}</title>\n");
    xml += &format!("      <item identifier=\"{id}-item\" identifierref=\"{id}-sco\">\n");
    xml += &format!("        <title>{title}</title>\n");
    xml += &mastery_xml;
    xml += "      </item>\n";
    xml += "    </organization>\n";
    xml += "  </organizations>\n";
    xml += "  <resources>\n";
    xml += &format!(
        "    <resource identifier=\"{id}-sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{}\">\n",
        escape(&p.launch)
    );
    for file in &p.files {
        xml += &format!("      <file href=\"{}\"/>\n", escape(file));
    }
    xml += "    </resource>\n";
    xml += "  </resources>\n";
    xml += "</manifest>\n";
    xml
}

/// The zip's file name: `vigil-scorm12.zip` for the whole course, `vigil-<track>-scorm2004.zip`
/// for one track.
pub fn package_name(standard: Standard, track: Option<&str>) -> String {
    match track {
        Some(track) => format!("vigil-{track}-{}.zip", standard.slug()),
        None => format!("vigil-{}.zip", standard.slug()),
    }
}

/// Makes any text a valid XML ID (letters, digits, '-', '_', '.', starting with a letter), which
/// the manifest's identifiers must be or the LMS refuses the package.
fn xml_id(text: &str) -> String {
    let mut id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "id-");
    }
    id
}
