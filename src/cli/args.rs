//! The command-line grammar (clap derive). Parsing only: no behaviour lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// newsdex: search a folder of news articles by words, phrases, people, places and quotes.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct IndexArg {
    /// Index folder [default: $NEWSDEX_INDEX, else ./newsdex-index]
    #[arg(
        long,
        value_name = "DIR",
        env = "NEWSDEX_INDEX",
        default_value = "newsdex-index",
        hide_default_value = true,
        hide_env = true
    )]
    pub index: PathBuf,
}

/// Where an archive pushed to Quickwit lives (`newsdex push`).
#[derive(Debug, Args, Clone, Default)]
pub struct RemoteArg {
    /// Ask the Quickwit cluster at this address (e.g. http://127.0.0.1:7280) instead of the
    /// local index [env: NEWSDEX_QUICKWIT]
    #[arg(long, value_name = "URL", env = "NEWSDEX_QUICKWIT", hide_env = true)]
    pub quickwit: Option<String>,
    /// The archive's name on the cluster (its indexes are NAME-articles and NAME-quotes).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "newsdex",
        requires = "quickwit"
    )]
    pub quickwit_name: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index every article under the given folders (incremental: unchanged files are skipped).
    Ingest(IngestArgs),
    /// Search articles: words (all must match), "phrases", OR, -word, field:word, date ranges.
    Query(QueryArgs),
    /// Find quotations: who said what.
    Quotes(QuotesArgs),
    /// Matching articles (or quotations) per day, week, month or year, as bars.
    Timeline(TimelineArgs),
    /// The most mentioned people, organisations and places in matching articles.
    #[command(alias = "entities")]
    People(PeopleArgs),
    /// Write every match (no cap) as CSV or JSON Lines: articles, quotations or entities.
    Export(ExportArgs),
    /// Check a list of names or queries (one a line, or a CSV with a `query` column): hits,
    /// dates, top articles, a name's spellings and quotations, one row per line.
    Batch(BatchArgs),
    /// Saved searches: keep a query with its filters, then ask what is new since the last
    /// check (for alerts from cron or a script).
    Saved(SavedArgs),
    /// Show what newsdex sees in files (title, date, body, entities, quotes) without indexing.
    Extract(ExtractArgs),
    /// Index statistics: documents, size, date range, files by format.
    Stats(StatsArgs),
    /// Serve a read-only JSON API and a search page (http://127.0.0.1:7700/ by default).
    Serve(ServeArgs),
    /// Send the index to a Quickwit 0.9 cluster (new and changed files only; a second push
    /// of an unchanged archive sends nothing).
    Push(PushArgs),
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Ingest these folders (or files) into the index first, then push.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// The Quickwit cluster (e.g. http://127.0.0.1:7280) [env: NEWSDEX_QUICKWIT]
    #[arg(long, value_name = "URL", env = "NEWSDEX_QUICKWIT", hide_env = true)]
    pub quickwit: String,
    /// The archive's name on the cluster: indexes NAME-articles and NAME-quotes.
    #[arg(long, value_name = "NAME", default_value = "newsdex")]
    pub name: String,
    /// Also delete from the cluster the files the local index no longer holds.
    #[arg(long)]
    pub prune: bool,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Folders (or files) to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// Remove documents whose files no longer exist under the given folders.
    #[arg(long)]
    pub prune: bool,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip files larger than this many bytes (after decompression); dumps (JSON Lines,
    /// CSV/TSV, WARC) are streamed and limited per record instead.
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Skip dump records (a JSON line, a CSV row, a WARC record) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_record_size: u64,
    /// CSV/TSV columns for article fields when the header names differ, e.g.
    /// `title=headline,body=story` (fields: title, body, date, author, source, url, tags).
    #[arg(long, value_name = "FIELD=COLUMN,...")]
    pub csv_columns: Option<String>,
    /// Index writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = 128)]
    pub memory: usize,
    /// Worker threads for parsing and extraction [default: one per core].
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Commit after this many new or changed articles (progress survives a crash).
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub commit_every: usize,
    /// Also commit when this many seconds passed since the last commit.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub commit_seconds: u64,
    /// Keep running: apply new, changed, moved and deleted files as they happen (removals
    /// are pruned). Ctrl-C finishes the current commit and exits.
    #[arg(long)]
    pub watch: bool,
    /// With --watch, look for changes every this many seconds instead of listening for
    /// file-system events (network filesystems, some containers).
    #[arg(long, value_name = "SECONDS", requires = "watch")]
    pub poll: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

/// Filters shared by `query` and `people` (the search contract's `Filters`).
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only articles naming this person (repeatable; all must match).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles naming this organisation (repeatable).
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles naming this place (repeatable).
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles quoting this person (repeatable).
    #[arg(long, value_name = "NAME")]
    pub said_by: Vec<String>,
    #[command(flatten)]
    pub dates: DateArgs,
}

/// A date range, inclusive at both ends.
#[derive(Debug, Args, Clone, Default)]
pub struct DateArgs {
    /// Only from this day on (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only up to this day, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query; several words are joined (e.g. `newsdex query interest rates`). Quote a
    /// query that starts with `-` or holds one: `newsdex query 'budget -tax'`.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub remote: RemoteArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Number of hits to show (1 to 1000).
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip, for paging (at most 10000).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Show near-identical articles (wire copy reprinted) as hits of their own instead of
    /// once with "+N similar".
    #[arg(long)]
    pub no_collapse: bool,
    /// Match the query's words exactly as written: case and accents kept, no stemming
    /// (`Zürich` is not `Zurich`, `US` is not `us`). One word or phrase: `exact:"…"`.
    #[arg(long)]
    pub exact: bool,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words to look for inside quotations.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub remote: RemoteArg,
    /// Only quotations by this person (repeatable).
    #[arg(long, visible_alias = "said-by", value_name = "NAME")]
    pub by: Vec<String>,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Number of quotations to show (1 to 1000); copies in several articles count once.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Also list reported speech ("Roe said the talks had failed"), marked "indirect".
    #[arg(long, conflicts_with = "kind")]
    pub indirect: bool,
    /// Only quotations in marks (`direct`, the default), only reported speech
    /// (`indirect`), or both (`all`).
    #[arg(long, value_enum)]
    pub kind: Option<QuoteKindArg>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteKindArg {
    Direct,
    Indirect,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Count only articles matching this query (all articles when absent).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub remote: RemoteArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Period of each bar [default: chosen from the date range].
    #[arg(long, value_enum)]
    pub by: Option<PeriodArg>,
    /// Count quotations instead of articles (QUERY is then words inside quotations, and
    /// --said-by the speaker).
    #[arg(long)]
    pub quotes: bool,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Org,
    Place,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Count only in articles matching this query (all articles when absent).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub remote: RemoteArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only this kind of entity.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The entities that share articles with this one, most specific company first.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Number of entities to show (1 to 1000).
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhatArg {
    Articles,
    Quotes,
    Entities,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ExportArgs {
    /// Other targets than rows: `quickwit` writes Quickwit index configs and documents.
    #[command(subcommand)]
    pub target: Option<ExportTarget>,
    /// Export only what matches this query (everything when absent); with `--what quotes`,
    /// words inside quotations.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// File format: CSV (RFC 4180, a header row) or JSON Lines.
    #[arg(long, value_enum, required = true)]
    pub format: Option<FormatArg>,
    /// One row per matching article, per matching quotation, or per entity named in the
    /// matching articles.
    #[arg(long, value_enum, default_value_t = WhatArg::Articles)]
    pub what: WhatArg,
    /// Add each article's whole text (articles only).
    #[arg(long)]
    pub body: bool,
    /// With `--what quotes`: reported speech too (column `kind`: direct or indirect).
    #[arg(long)]
    pub indirect: bool,
    /// Write to this file (replaced whole, only once the export is complete) instead of
    /// standard output; the row count goes to stderr.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ExportTarget {
    /// Quickwit 0.9 index configs (YAML) and documents (NDJSON) for the articles and the
    /// quotations, as `push` sends them.
    Quickwit(ExportQuickwitArgs),
}

#[derive(Debug, Args)]
pub struct ExportQuickwitArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Folder to write articles.yaml, articles.ndjson, quotes.yaml and quotes.ndjson in.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The archive's name on the cluster: index ids NAME-articles and NAME-quotes.
    #[arg(long, value_name = "NAME", default_value = "newsdex")]
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormatArg {
    Csv,
    Json,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The list: one query or name per line (blank lines and `#` comments skipped), or a
    /// CSV/TSV table with a `query` column; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Read every line that has no `field:` as a name of this kind (a plain list of names).
    #[arg(long, value_enum, value_name = "KIND")]
    pub names: Option<KindArg>,
    /// Output: CSV (RFC 4180, a header row), one JSON array, or JSON Lines.
    #[arg(long, value_enum, default_value_t = BatchFormatArg::Csv)]
    pub format: BatchFormatArg,
    /// Write to this file (replaced whole, only once every line is answered) instead of
    /// standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat each whole file as body text (no title detection, no format parsing).
    #[arg(long)]
    pub raw: bool,
    /// One JSON object per article per line.
    #[arg(long)]
    pub json: bool,
    /// Also list reported speech ("Roe said the talks had failed"), marked "kind": "indirect".
    #[arg(long)]
    pub indirect: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub remote: RemoteArg,
    /// Address to listen on; port 0 picks a free port. Keep it on loopback unless others
    /// should read the archive.
    #[arg(long, value_name = "ADDR", default_value = crate::serve::DEFAULT_BIND)]
    pub bind: std::net::SocketAddr,
    /// Worker threads answering requests [default: two per core, 4 to 16].
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
}

#[derive(Debug, Args)]
pub struct SavedArgs {
    /// What to do with the saved searches.
    #[command(subcommand)]
    pub action: SavedAction,
}

impl SavedAction {
    /// The index folder the action works on.
    pub fn index(&self) -> &std::path::Path {
        match self {
            SavedAction::Add { index, .. }
            | SavedAction::List { index, .. }
            | SavedAction::Remove { index, .. }
            | SavedAction::New { index, .. } => &index.index,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SavedAction {
    /// Save a search under a name; articles added from now on are its new ones.
    Add {
        /// The name to save it under.
        name: String,
        /// The query (words, "phrases", fields, as for `query`); optional with a filter.
        #[arg(value_name = "QUERY")]
        query: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        index: IndexArg,
    },
    /// The saved searches, each with its number of new articles and quotations.
    List {
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        index: IndexArg,
    },
    /// Forget a saved search.
    Remove {
        /// Its name.
        name: String,
        #[command(flatten)]
        index: IndexArg,
    },
    /// The articles and quotations added since each saved search (or NAME) was last
    /// checked, newest first; then marks them as seen. Exit 0 when something is new, 1
    /// when nothing is.
    New {
        /// Only this saved search.
        name: Option<String>,
        /// Show what is new without marking it as seen.
        #[arg(long)]
        peek: bool,
        /// Most articles and quotations listed per search (1 to 1000; all are counted).
        #[arg(long, short = 'n', default_value_t = 100)]
        limit: usize,
        /// Print one JSON object per saved search, one a line (JSON Lines).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        index: IndexArg,
    },
}
