use super::*;

fn read(text: &str, layout: BatchLayout) -> Vec<BatchLine> {
    BatchReader::new(text.as_bytes(), layout)
        .expect("a readable list")
        .map(|l| l.expect("a line"))
        .collect()
}

fn texts(lines: &[BatchLine]) -> Vec<(u64, &str)> {
    lines.iter().map(|l| (l.line, l.text.as_str())).collect()
}

#[test]
fn plain_lines_skip_blanks_and_comments_and_keep_their_numbers() {
    let cases: &[(&str, &[(u64, &str)])] = &[
        ("budget\n", &[(1, "budget")]),
        ("budget", &[(1, "budget")]),
        ("\u{feff}budget\r\n", &[(1, "budget")]),
        (
            "# my list\n\n  person:\"Jane Roe\"  \n\t\nrates\r\n# end",
            &[(3, "person:\"Jane Roe\""), (5, "rates")],
        ),
        ("", &[]),
        ("\n\n# only comments\n", &[]),
        // A `query` cell elsewhere than on the first line does not make a table.
        (
            "budget\nquery,notes\n",
            &[(1, "budget"), (2, "query,notes")],
        ),
    ];
    for (input, want) in cases {
        let lines = read(input, BatchLayout::Detect);
        assert_eq!(texts(&lines), *want, "{input:?}");
        assert!(lines
            .iter()
            .all(|l| l.problem.is_none() && l.columns.is_empty()));
    }
}

#[test]
fn a_bad_line_is_reported_and_the_next_one_read() {
    let mut input = b"budget\n".to_vec();
    input.extend_from_slice(b"caf\xe9\n");
    input.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 10));
    input.extend_from_slice(b"\nrates\n");
    let lines: Vec<BatchLine> = BatchReader::new(&input[..], BatchLayout::Detect)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[1].problem.as_deref().unwrap().contains("UTF-8"));
    assert_eq!(lines[2].line, 3);
    assert!(lines[2].problem.as_deref().unwrap().contains("bytes long"));
    assert_eq!((lines[3].line, lines[3].text.as_str()), (4, "rates"));
    assert_eq!(lines[3].problem, None);
}

#[test]
fn an_overlong_first_line_does_not_swallow_the_second() {
    let mut input = vec![b'y'; MAX_LINE_BYTES + 5];
    input.extend_from_slice(b"\nrates\n");
    let lines: Vec<BatchLine> = BatchReader::new(&input[..], BatchLayout::Detect)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].problem.is_some());
    assert_eq!((lines[1].line, lines[1].text.as_str()), (2, "rates"));
}

#[test]
fn tables_are_found_by_their_query_column_and_carry_the_rest() {
    let cases: &[(&str, BatchLayout)] = &[
        ("id,Query,desk\n7,budget,politics\n", BatchLayout::Detect),
        (
            "\u{feff}id,QUERY ,desk\n7,budget,politics\n",
            BatchLayout::Detect,
        ),
        (
            "id\tquery\tdesk\n7\tbudget\tpolitics\n",
            BatchLayout::Detect,
        ),
        ("id\tquery\tdesk\n7\tbudget\tpolitics\n", BatchLayout::Tsv),
        ("id,query,desk\n7,budget,politics\n", BatchLayout::Csv),
    ];
    for (input, layout) in cases {
        let reader = BatchReader::new(input.as_bytes(), *layout).unwrap();
        assert_eq!(reader.extra_columns(), ["id", "desk"], "{input:?}");
        let lines: Vec<BatchLine> = reader.map(Result::unwrap).collect();
        assert_eq!(texts(&lines), [(2, "budget")], "{input:?}");
        let want = [
            ("id".into(), "7".into()),
            ("desk".into(), "politics".into()),
        ];
        assert_eq!(lines[0].columns, want, "{input:?}");
    }
}

#[test]
fn table_rows_keep_the_line_of_their_first_line_and_report_empty_queries() {
    let input = "query,note\n\"person:\"\"Jane Roe\"\"\",\"two\nlines\"\n,no query\nrates\n";
    let lines = read(input, BatchLayout::Detect);
    assert_eq!(
        texts(&lines),
        [(2, "person:\"Jane Roe\""), (4, ""), (5, "rates")]
    );
    assert_eq!(lines[0].columns, [("note".into(), "two\nlines".into())]);
    assert!(lines[1].problem.as_deref().unwrap().contains("empty"));
    assert_eq!(
        lines[2].columns,
        [("note".into(), String::new())],
        "short row"
    );
}

#[test]
fn a_table_without_a_query_column_is_refused() {
    let err = BatchReader::new(
        "name,desk\nJane Roe,politics\n".as_bytes(),
        BatchLayout::Csv,
    )
    .err()
    .expect("refused");
    assert!(matches!(&err, BatchInputError::NoQueryColumn { found } if found == &["name", "desk"]));
    assert!(err.to_string().contains("`query` column"), "{err}");
}

#[test]
fn repeated_column_names_are_kept_apart() {
    let reader = BatchReader::new("query,x,x\nrates,1,2\n".as_bytes(), BatchLayout::Csv).unwrap();
    assert_eq!(reader.extra_columns(), ["x", "x_3"]);
}
