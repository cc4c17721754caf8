//! Near-identical wire copy: the same story reprinted with another headline, dateline and
//! byline and a sentence dropped is shown once, with "+N similar"; a different story on the
//! same subject stays a hit of its own; `--no-collapse` shows every copy.

use crate::harness::{ingest, newsdex, scratch};
use crate::shapes::Results;

const WIRE: &str = "The regional water authority said it would raise household charges by four \
percent from April to pay for two new reservoirs and the repair of leaking mains across the \
northern districts. A dry summer left several towns under hosepipe bans for weeks, and the \
authority lost a fifth of its treated water to leaks last year. Its chief executive told \
councillors that the alternative was rationing within five years. Households on low incomes \
would be protected by a wider discount scheme funded by the largest commercial users, she said. \
Opposition councillors called the rise a reward for years of neglect and asked the regulator \
to block it until the repairs were done.";

const OTHER: &str = "Farmers in the northern districts warned that the water authority's new \
abstraction limits would cut harvests of potatoes and barley next summer. The limits, which take \
effect in May, cap how much water farms may draw from rivers during dry spells. The farmers' union \
said many growers would have to leave fields fallow or invest in storage lagoons they cannot \
afford. The authority replied that the rivers had fallen to record lows in August and that fish \
deaths had followed. Talks between the two sides are due to resume next month, with the \
regulator attending as an observer for the first time.";

fn search(index: &str, extra: &[&str]) -> Results {
    let mut args = vec!["query", "water authority", "--json", "--index", index];
    args.extend_from_slice(extra);
    let run = newsdex(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

#[test]
fn reprinted_wire_copy_is_shown_once() {
    let dir = scratch("similar");
    let corpus = dir.join("wires");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("original.txt"),
        format!("Water bills to rise four percent\n\n{WIRE}\n"),
    )
    .unwrap();
    let copy = WIRE
        .replace(
            " A dry summer left several towns under hosepipe bans for weeks, and the \
authority lost a fifth of its treated water to leaks last year.",
            "",
        )
        .replace("four percent", "4%")
        .replace("told councillors", "said to councillors");
    std::fs::write(
        corpus.join("reprint.txt"),
        format!("Charges up as authority fixes leaks\n\nNORTHVALE (Wire) - By Staff Reporter\n\n{copy}\n"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("farmers.txt"),
        format!("Farmers fear water limits\n\n{OTHER}\n"),
    )
    .unwrap();
    let index = dir.join("index");
    ingest(corpus.to_str().unwrap(), &index);
    let index = index.to_str().unwrap();
    let r = search(index, &[]);
    assert_eq!(r.total, 3, "total counts every copy");
    assert_eq!(
        r.hits.len(),
        2,
        "{:?}",
        r.hits.iter().map(|h| &h.path).collect::<Vec<_>>()
    );
    let grouped = r
        .hits
        .iter()
        .find(|h| !h.similar.is_empty())
        .expect("a grouped hit");
    let copy = &grouped.similar_articles[0];
    assert_eq!(copy.path, grouped.similar[0], "one list, in one order");
    let file = copy.path.rsplit('/').next().unwrap();
    assert!(copy.id.ends_with(file), "{copy:?}");
    let own_title = match file {
        "reprint.txt" => "Charges up as authority fixes leaks",
        _ => "Water bills to rise four percent",
    };
    assert_eq!(copy.title, own_title, "{copy:?}");
    let mut group = vec![grouped.path.clone(), grouped.similar[0].clone()];
    group.sort();
    assert!(
        group[0].ends_with("original.txt") && group[1].ends_with("reprint.txt"),
        "{group:?}"
    );
    let farmers = r
        .hits
        .iter()
        .find(|h| h.path.ends_with("farmers.txt"))
        .expect("farmers");
    assert!(
        farmers.similar.is_empty(),
        "another story on the subject stays apart"
    );
    let all = search(index, &["--no-collapse"]);
    assert_eq!(all.hits.len(), 3);
    assert!(all.hits.iter().all(|h| h.similar.is_empty()));
}
