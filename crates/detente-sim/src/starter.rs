//! `detente new NAME`: a commented starter scenario that validates and
//! plays, for facilitators to adapt.

use std::io::Write;
use std::path::Path;

const TEMPLATE: &str = include_str!("../data/starter.ron");

/// The starter scenario text for an id.
pub fn text(id: &str, file: &str) -> String {
    let title = id
        .split(['_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    TEMPLATE
        .replace("{{ID}}", id)
        .replace("{{TITLE}}", &title)
        .replace("{{FILE}}", file)
}

pub fn command(
    name: &str,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let id = name.trim_end_matches(".ron");
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        writeln!(
            err,
            "error: `{name}` is not a valid scenario name; use letters, digits, `_` and `-` (for example `hospital_drill`)"
        )?;
        return Ok(2);
    }
    let path = dir.join(format!("{id}.ron"));
    if path.exists() {
        writeln!(
            err,
            "error: {} already exists; choose another name or delete it first",
            path.display()
        )?;
        return Ok(1);
    }
    let body = text(id, &path.display().to_string());
    if let Err(e) = crate::save::write_atomic(&path, body.as_bytes()) {
        writeln!(err, "error: {e}")?;
        return Ok(1);
    }
    writeln!(
        out,
        "wrote {}\nnext: edit it, then `detente validate {}` and `detente play {}`",
        path.display(),
        path.display(),
        path.display()
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_validates_without_warnings_and_plays() {
        let text = super::text("hospital_drill", "scenarios/hospital_drill.ron");
        let loaded = crate::scenario::load_str("hospital_drill.ron", &text);
        assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
        let s = loaded.scenario.unwrap();
        assert_eq!(s.id, "hospital_drill");
        assert_eq!(s.title, "Hospital Drill");
        let game = crate::cli::play_out(s, loaded.world.unwrap(), 3);
        assert!(game.is_over());
    }
}
