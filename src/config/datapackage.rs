//! A Frictionless Data Package (`datapackage.json`) as the catalog: each resource is an
//! entity, `schema.primaryKey` its ID, `schema.foreignKeys` its refs (required when the field
//! has `constraints.required = true`).

use super::catalog::{delimiter_setting, encoding_setting, Catalog, EntitySpec, RefSpec};
use super::problem::{self, Position};
use super::Error;
use crate::i18n::{Message, Text};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Package {
    resources: Vec<Resource>,
}

#[derive(Deserialize)]
struct Resource {
    name: String,
    path: Option<OneOrMany>,
    encoding: Option<String>,
    dialect: Option<Dialect>,
    schema: Option<Schema>,
}

#[derive(Deserialize)]
struct Dialect {
    delimiter: Option<String>,
}

#[derive(Deserialize)]
struct Schema {
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(rename = "primaryKey")]
    primary_key: Option<OneOrMany>,
    #[serde(rename = "foreignKeys", default)]
    foreign_keys: Vec<ForeignKey>,
}

#[derive(Deserialize)]
struct Field {
    name: String,
    #[serde(default)]
    constraints: Constraints,
}

#[derive(Deserialize, Default)]
struct Constraints {
    #[serde(default)]
    required: bool,
}

#[derive(Deserialize)]
struct ForeignKey {
    fields: OneOrMany,
    reference: Reference,
}

#[derive(Deserialize)]
struct Reference {
    resource: String,
}

/// Frictionless allows a string or a list of strings in several places.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The single value, or an error message naming `what` when there are several.
    fn single(&self, what: &str) -> Result<&str, Message> {
        match self {
            OneOrMany::One(s) => Ok(s),
            OneOrMany::Many(v) if v.len() == 1 => Ok(&v[0]),
            OneOrMany::Many(v) => Err(Message::new(Text::ConfigMultiColumnKey)
                .with("what", what)
                .with("n", v.len())),
        }
    }
}

/// Reads `path` as a Data Package and builds the catalog from its resources.
pub(super) fn load(path: &Path) -> Result<Catalog, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let package: Package = serde_json::from_str(&text).map_err(|e| {
        // serde_json puts the position after its message: "... at line 3 column 7".
        let full = e.to_string();
        let message = full
            .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
            .unwrap_or(&full);
        let position = (e.line() > 0).then(|| Position::at_line(&text, e.line(), e.column()));
        Error::Syntax {
            path: path.to_path_buf(),
            line: position.as_ref().map(|p| p.line),
            column: position.as_ref().map(|p| p.column),
            problem: match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    problem::not_valid(Text::ConfigNotJson, message)
                }
                _ => problem::describe(message),
            },
            snippet: position.map(|p| p.snippet).unwrap_or_default(),
        }
    })?;
    let invalid = |line: Option<usize>, message: Message| Error::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut specs = Vec::new();
    let names = resource_name_offsets(&text);
    let names = (names.len() == package.resources.len()).then_some(names);
    for (i, res) in package.resources.into_iter().enumerate() {
        let line = names.as_ref().map(|n| super::line_of(&text, n[i]));
        let at = |m: Message| {
            invalid(
                line,
                Message::new(Text::ConfigResource)
                    .with("resource", &res.name)
                    .with_message("problem", m),
            )
        };
        let file = match &res.path {
            Some(p) => {
                let first = match p {
                    OneOrMany::One(s) => s.as_str(),
                    OneOrMany::Many(v) => v.first().map(String::as_str).unwrap_or(""),
                };
                // The package may live elsewhere; the watched folder holds the files flat.
                Some(
                    first
                        .rsplit(['/', '\\'])
                        .next()
                        .unwrap_or(first)
                        .to_string(),
                )
            }
            None => None,
        };
        let mut spec = EntitySpec {
            line,
            name: res.name.clone(),
            file,
            encoding: encoding_setting(res.encoding.as_deref().unwrap_or("auto")).map_err(at)?,
            delimiter: match res.dialect.as_ref().and_then(|d| d.delimiter.as_deref()) {
                Some(d) => delimiter_setting(d).map_err(at)?,
                None => None,
            },
            ..EntitySpec::default()
        };
        if let Some(schema) = &res.schema {
            if let Some(pk) = &schema.primary_key {
                spec.id = Some(pk.single("primaryKey").map_err(at)?.to_string());
            }
            for fk in &schema.foreign_keys {
                let column = fk
                    .fields
                    .single("foreignKeys.fields")
                    .map_err(at)?
                    .to_string();
                let required = schema
                    .fields
                    .iter()
                    .any(|f| f.name == column && f.constraints.required);
                // An empty `resource` means the resource itself (Frictionless' self-reference).
                let entity = match fk.reference.resource.as_str() {
                    "" => res.name.clone(),
                    other => other.to_string(),
                };
                spec.refs.push(RefSpec {
                    line: None,
                    column,
                    entity,
                    required,
                });
            }
        }
        specs.push(spec);
    }
    Catalog::build(specs, path)
}

/// The byte offsets of each resource's `"name"` value, in order: the strings that follow a
/// `"name"` key directly inside an object of the top-level `"resources"` array (a field's or
/// a license's name is elsewhere). Only for error lines: a text that is not JSON gives
/// whatever it gives.
fn resource_name_offsets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    let mut in_resources = false;
    let mut key: Option<(&str, usize)> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let Some(string) = text.get(i + 1..j.min(bytes.len())) else {
                    break;
                };
                let rest = text.get(j + 1..).unwrap_or("").trim_start();
                if rest.starts_with(':') {
                    key = Some((string, depth));
                } else if in_resources && depth == 3 && key == Some(("name", 3)) {
                    found.push(i);
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if bytes[i] == b'[' && depth == 2 && key == Some(("resources", 1)) {
                    in_resources = true;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_resources = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_become_entities_with_keys_and_refs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("datapackage.json");
        std::fs::write(
            &path,
            r#"{"name":"x","resources":[
              {"name":"ventas","path":"data/ventas.csv","dialect":{"delimiter":";"},"encoding":"windows-1252",
               "schema":{"fields":[{"name":"NRO"},{"name":"CLI","constraints":{"required":true}},{"name":"VEND"}],
                         "primaryKey":["NRO"],
                         "foreignKeys":[{"fields":"CLI","reference":{"resource":"clientes","fields":"ID"}},
                                        {"fields":["VEND"],"reference":{"resource":"usuarios","fields":["ID"]}}]}},
              {"name":"clientes","path":"clientes.csv","schema":{"fields":[{"name":"ID"}],"primaryKey":"ID"}},
              {"name":"usuarios","path":"usuarios.csv"}]}"#,
        )
        .unwrap();
        let c = load(&path).unwrap();
        let names: Vec<_> = c.entities().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["clientes", "usuarios", "ventas"]);
        let v = c.get("ventas").unwrap();
        assert_eq!(v.file, "ventas.csv");
        assert_eq!(v.id.as_deref(), Some("NRO"));
        assert_eq!(v.delimiter, Some(b';'));
        assert_eq!(v.encoding, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(v.refs.len(), 2);
        assert!(v.refs[0].required && !v.refs[1].required);
    }

    #[test]
    fn a_resource_name_that_is_a_path_is_refused_naming_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("datapackage.json");
        std::fs::write(
            &path,
            "{\"licenses\": [{\"name\": \"../x\"}],\n \"resources\": [\n  {\"name\": \"clientes\", \
             \"schema\": {\"fields\": [{\"name\": \"../x\"}]}},\n  \
             {\"path\": \"x.csv\", \"title\": \"a \\\" quote\",\n   \"name\" : \"../x\"}\n]}",
        )
        .unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains(", line 5: the entity name \"../x\""), "{err}");
    }
}
