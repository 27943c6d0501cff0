//! The SCORM manifests, parsed back as XML the way an LMS reads them.

use roxmltree::{Document, Node};
use vigil::packaging::{manifest, package_name, Package, Standard};

const IMSCP_12: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const ADLCP_12: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const IMSCP_2004: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const ADLCP_2004: &str = "http://www.adlnet.org/xsd/adlcp_v1p3";
const ADLSEQ_2004: &str = "http://www.adlnet.org/xsd/adlseq_v1p3";
const IMSSS: &str = "http://www.imsglobal.org/xsd/imsss";

fn package(standard: Standard) -> Package {
    Package {
        standard,
        identifier: "vigil".to_string(),
        title: "Vigil: child protection in travel and tourism".to_string(),
        launch: "index.html".to_string(),
        mastery_percent: 70,
        files: vec![
            "index.html".to_string(),
            "vigil-9f17f96c55df01ea.js".to_string(),
            "vigil-9f17f96c55df01ea_bg.wasm".to_string(),
            "lessons/en.json".to_string(),
        ],
    }
}

/// The first descendant element with this local name and namespace.
fn element<'a>(doc: &'a Document, namespace: &str, name: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.has_tag_name((namespace, name)))
        .unwrap_or_else(|| panic!("no <{name}> in {namespace}"))
}

fn elements<'a>(doc: &'a Document, namespace: &str, name: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((namespace, name)))
        .collect()
}

fn is_xml_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[test]
fn scorm12_manifest_declares_the_scorm_1_2_namespaces_and_schemaversion() {
    let xml = manifest(&package(Standard::Scorm12));
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((IMSCP_12, "manifest")));
    assert_eq!(root.lookup_namespace_uri(Some("adlcp")), Some(ADLCP_12));
    assert_eq!(element(&doc, IMSCP_12, "schema").text(), Some("ADL SCORM"));
    assert_eq!(element(&doc, IMSCP_12, "schemaversion").text(), Some("1.2"));
}

#[test]
fn scorm2004_manifest_declares_the_4th_edition_namespaces_and_schemaversion() {
    let xml = manifest(&package(Standard::Scorm2004));
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((IMSCP_2004, "manifest")));
    assert_eq!(root.lookup_namespace_uri(Some("adlcp")), Some(ADLCP_2004));
    assert_eq!(root.lookup_namespace_uri(Some("adlseq")), Some(ADLSEQ_2004));
    assert_eq!(root.lookup_namespace_uri(Some("imsss")), Some(IMSSS));
    assert_eq!(
        element(&doc, IMSCP_2004, "schema").text(),
        Some("ADL SCORM")
    );
    assert_eq!(
        element(&doc, IMSCP_2004, "schemaversion").text(),
        Some("2004 4th Edition")
    );
}

#[test]
fn scorm12_item_carries_the_mastery_score_in_percent() {
    let xml = manifest(&package(Standard::Scorm12));
    let doc = Document::parse(&xml).unwrap();
    let item = element(&doc, IMSCP_12, "item");
    let mastery: Vec<_> = item
        .children()
        .filter(|n| n.has_tag_name((ADLCP_12, "masteryscore")))
        .collect();
    assert_eq!(mastery.len(), 1);
    assert_eq!(mastery[0].text(), Some("70"));
}

#[test]
fn scorm2004_primary_objective_is_satisfied_by_the_mastery_measure() {
    let xml = manifest(&package(Standard::Scorm2004));
    let doc = Document::parse(&xml).unwrap();
    let item = element(&doc, IMSCP_2004, "item");
    let sequencing = item
        .children()
        .find(|n| n.has_tag_name((IMSSS, "sequencing")))
        .expect("the item has its sequencing");
    let objective = sequencing
        .descendants()
        .find(|n| n.has_tag_name((IMSSS, "primaryObjective")))
        .expect("a primary objective");
    assert_eq!(objective.attribute("objectiveID"), Some("mastery"));
    assert_eq!(objective.attribute("satisfiedByMeasure"), Some("true"));
    let measure = objective
        .children()
        .find(|n| n.has_tag_name((IMSSS, "minNormalizedMeasure")))
        .expect("a minimum measure");
    assert_eq!(measure.text(), Some("0.7"));
}

#[test]
fn mastery_measure_is_a_plain_decimal_between_0_and_1() {
    for (percent, measure) in [(85, "0.85"), (5, "0.05"), (100, "1"), (150, "1"), (0, "0")] {
        let mut p = package(Standard::Scorm2004);
        p.mastery_percent = percent;
        let xml = manifest(&p);
        let doc = Document::parse(&xml).unwrap();
        assert_eq!(
            element(&doc, IMSSS, "minNormalizedMeasure").text(),
            Some(measure),
            "{percent}%"
        );
    }
}

#[test]
fn resource_is_a_sco_launched_at_the_launch_page_with_its_query() {
    for (standard, imscp, adlcp, scorm_type) in [
        (Standard::Scorm12, IMSCP_12, ADLCP_12, "scormtype"),
        (Standard::Scorm2004, IMSCP_2004, ADLCP_2004, "scormType"),
    ] {
        let mut p = package(standard);
        p.launch = "index.html?role=front-desk&lang=fr".to_string();
        let xml = manifest(&p);
        let doc = Document::parse(&xml).unwrap();
        let resources = elements(&doc, imscp, "resource");
        assert_eq!(resources.len(), 1, "{standard:?}");
        let resource = resources[0];
        assert_eq!(resource.attribute("type"), Some("webcontent"));
        assert_eq!(resource.attribute((adlcp, scorm_type)), Some("sco"));
        assert_eq!(
            resource.attribute("href"),
            Some("index.html?role=front-desk&lang=fr")
        );
    }
}

#[test]
fn every_file_is_listed_once_in_the_resource() {
    for (standard, imscp) in [
        (Standard::Scorm12, IMSCP_12),
        (Standard::Scorm2004, IMSCP_2004),
    ] {
        let mut p = package(standard);
        p.files.push("odd & <named>.txt".to_string());
        let xml = manifest(&p);
        let doc = Document::parse(&xml).unwrap();
        let resource = element(&doc, imscp, "resource");
        let listed: Vec<&str> = resource
            .children()
            .filter(|n| n.has_tag_name((imscp, "file")))
            .map(|n| n.attribute("href").unwrap())
            .collect();
        assert_eq!(listed, p.files, "{standard:?}");
    }
}

#[test]
fn hostile_title_is_escaped_and_read_back_exactly() {
    let title = "Hotel \"A\" & <B> — l'accueil";
    for (standard, imscp) in [
        (Standard::Scorm12, IMSCP_12),
        (Standard::Scorm2004, IMSCP_2004),
    ] {
        let mut p = package(standard);
        p.title = title.to_string();
        let xml = manifest(&p);
        let doc = Document::parse(&xml).unwrap();
        let titles: Vec<_> = elements(&doc, imscp, "title")
            .iter()
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        // The organization's title and the item's.
        assert_eq!(titles, [title, title], "{standard:?}");
    }
}

#[test]
fn control_characters_in_a_title_do_not_break_the_manifest() {
    let mut p = package(Standard::Scorm12);
    p.title = "Vigil\u{0}\u{7} course\tone".to_string();
    let xml = manifest(&p);
    let doc = Document::parse(&xml).unwrap();
    assert_eq!(
        element(&doc, IMSCP_12, "title").text(),
        Some("Vigil course\tone")
    );
}

#[test]
fn identifiers_are_valid_xml_ids_and_every_reference_resolves() {
    for (standard, imscp) in [
        (Standard::Scorm12, IMSCP_12),
        (Standard::Scorm2004, IMSCP_2004),
    ] {
        for identifier in ["vigil-front-desk", "1 front desk/é", "", "<\"&'>"] {
            let mut p = package(standard);
            p.identifier = identifier.to_string();
            let xml = manifest(&p);
            let doc = Document::parse(&xml).unwrap();
            let ids: Vec<&str> = doc
                .descendants()
                .filter_map(|n| n.attribute("identifier"))
                .collect();
            assert_eq!(ids.len(), 4, "manifest, organization, item, resource");
            for id in &ids {
                assert!(is_xml_id(id), "{standard:?}: {identifier:?} gave {id:?}");
            }
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{identifier:?}: {ids:?}");

            let organizations = element(&doc, imscp, "organizations");
            let organization = element(&doc, imscp, "organization");
            assert_eq!(
                organizations.attribute("default"),
                organization.attribute("identifier")
            );
            let item = element(&doc, imscp, "item");
            let resource = element(&doc, imscp, "resource");
            assert_eq!(
                item.attribute("identifierref"),
                resource.attribute("identifier")
            );
        }
    }
    let mut p = package(Standard::Scorm12);
    p.identifier = "vigil-front-desk".to_string();
    let xml = manifest(&p);
    let doc = Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element().attribute("identifier"),
        Some("vigil-front-desk")
    );
}

#[test]
fn package_names_say_the_track_and_the_standard() {
    assert_eq!(package_name(Standard::Scorm12, None), "vigil-scorm12.zip");
    assert_eq!(
        package_name(Standard::Scorm2004, None),
        "vigil-scorm2004.zip"
    );
    assert_eq!(
        package_name(Standard::Scorm12, Some("front-desk")),
        "vigil-front-desk-scorm12.zip"
    );
    assert_eq!(
        package_name(Standard::Scorm2004, Some("front-desk")),
        "vigil-front-desk-scorm2004.zip"
    );
}
