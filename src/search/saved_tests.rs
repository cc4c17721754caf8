use super::*;

fn search(name: &str, query: Option<&str>, person: &[&str]) -> SavedSearch {
    SavedSearch {
        name: name.to_string(),
        query: query.map(str::to_string),
        filters: Filters {
            person: person.iter().map(|p| p.to_string()).collect(),
            ..Filters::default()
        },
        created: DateTime::from_timestamp(1_764_000_000, 0).unwrap(),
        mark: 7,
        checked: None,
    }
}

#[test]
fn a_list_survives_writing_and_reading_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    assert!(SavedSearches::load(dir.path()).unwrap().list().is_empty());
    SavedSearches::update(dir.path(), |s| {
        s.add(search("harbour", Some("harbour strike"), &[]))?;
        s.add(search("roe", None, &["Jane Roe"]))
    })
    .unwrap();
    let at = DateTime::from_timestamp(1_764_100_000, 0).unwrap();
    SavedSearches::update(dir.path(), |s| {
        s.checked("roe", 42, at);
        Ok(())
    })
    .unwrap();
    let back = SavedSearches::load(dir.path()).unwrap();
    let names: Vec<&str> = back.list().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["harbour", "roe"]);
    let roe = back.get("roe").unwrap();
    assert_eq!((roe.mark, roe.checked), (42, Some(at)));
    assert_eq!(roe.filters.person, ["Jane Roe"]);
    assert_eq!(back.get("harbour").unwrap().mark, 7);
    let files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
}

#[test]
fn wrong_names_and_searches_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    SavedSearches::update(dir.path(), |s| s.add(search("budget", Some("budget"), &[]))).unwrap();
    let cases: Vec<(SavedSearch, &str)> = vec![
        (search("budget", Some("tax"), &[]), "already exists"),
        (search("", Some("tax"), &[]), "empty"),
        (search(" tax", Some("tax"), &[]), "space"),
        (search("tax\u{7}", Some("tax"), &[]), "control"),
        (search(&"x".repeat(81), Some("tax"), &[]), "80 characters"),
        (search("nothing", None, &[]), "query or a filter"),
        (search("blank", None, &[" "]), "empty"),
    ];
    for (wrong, expected) in cases {
        let name = wrong.name.clone();
        let err = SavedSearches::update(dir.path(), |s| s.add(wrong)).unwrap_err();
        assert!(err.to_string().contains(expected), "{name:?}: {err}");
    }
    assert_eq!(SavedSearches::load(dir.path()).unwrap().list().len(), 1);
    let err = SavedSearches::update(dir.path(), |s| s.remove("tax").map(|_| ())).unwrap_err();
    assert!(
        err.to_string().contains("no saved search named `tax`"),
        "{err}"
    );
}

#[test]
fn a_damaged_or_foreign_file_is_a_clear_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SAVED_FILE);
    let cases = [
        (
            "{\"format\": \"newsdex-saved-searches\", \"version\": 1, \"searches\": [",
            "line 1",
        ),
        (
            "{\"format\": \"bookmarks\", \"version\": 1, \"searches\": []}",
            "format `bookmarks`",
        ),
        (
            "{\"format\": \"newsdex-saved-searches\", \"version\": 9, \"searches\": []}",
            "version 9",
        ),
        ("", "EOF"),
    ];
    for (text, expected) in cases {
        std::fs::write(&path, text).unwrap();
        let err = SavedSearches::load(dir.path()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(SAVED_FILE), "{message}");
        assert!(message.contains(expected), "{text:?}: {message}");
        // A change refuses to overwrite what it cannot read.
        assert!(SavedSearches::update(dir.path(), |s| s.add(search("a", Some("a"), &[]))).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}
