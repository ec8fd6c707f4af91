//! The essay as its author wrote it: a title, a flat list of blocks and the sections that
//! group them. Nothing here knows about terminals, widths or colours; the layout turns this
//! into lines for a given width.
//!
//! Blocks are kept flat on purpose. Quotes, list items and footnote definitions are recorded
//! as a stack of containers on each leaf block instead of as a tree, so a document nested
//! ten thousand levels deep costs no recursion anywhere (parsing, layout or drawing).

use std::sync::Arc;

use serde::Serialize;

/// Which reader built the essay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// Inline styles of a run of text. Several may apply at once (`***strong emphasis***`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub strikethrough: bool,
    /// The target of a link; the run is the link's text.
    pub link: Option<String>,
    /// The run is an image's alt text.
    pub image: bool,
    /// The run is a footnote reference such as `[1]`.
    pub footnote_ref: bool,
}

impl Style {
    pub fn is_plain(&self) -> bool {
        *self == Style::default()
    }
}

/// A run of text sharing one style, borrowed from its [`Text`]. `\n` inside `text` is a hard
/// line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub style: &'a Style,
}

/// The byte ranges of bare web addresses in `text`: `http://` or `https://` at the start
/// of a word, up to a space or a quotation mark, without the sentence's punctuation after
/// it or a closing bracket it did not open.
fn bare_urls(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("http") {
        let start = from + pos;
        let rest = &text[start..];
        let scheme = ["https://", "http://"]
            .iter()
            .find(|s| rest.starts_with(**s));
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let Some(scheme) = scheme.filter(|_| at_word_start) else {
            from = start + 4;
            continue;
        };
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”'))
            .unwrap_or(rest.len());
        let mut url = &rest[..len];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
            let unbalanced = trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count();
            let trimmed = if unbalanced {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        if url.len() > scheme.len() {
            out.push((start, start + url.len()));
        }
        from = start + url.len().max(4);
    }
    out
}

/// The style of unstyled text, for runs that have no style of their own to lend.
static PLAIN: Style = Style {
    emphasis: false,
    strong: false,
    code: false,
    strikethrough: false,
    link: None,
    image: false,
    footnote_ref: false,
};

/// Inline text: its characters in one piece, and the styles of its runs.
///
/// Kept as one string with style boundaries beside it, rather than a string per run, because
/// a long essay has hundreds of thousands of blocks and most are one unstyled run: such a
/// text costs its characters and nothing else, and its plain text is borrowed, not built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    chars: Chars,
    /// Where each run starts (a byte offset) and its style, in order, the first at 0; `None`
    /// when the whole text is unstyled. Consecutive runs never share a style, so two equal
    /// texts have equal runs.
    // Boxed so that an unstyled text pays one word for it, not an empty list's three.
    #[allow(clippy::box_collection)]
    runs: Option<Box<Vec<(usize, Style)>>>,
}

/// Where a text's characters live.
#[derive(Debug, Clone)]
enum Chars {
    Owned(String),
    /// A stretch of the essay's source, shared: most lines of a plain-text essay are its
    /// paragraphs as they stand, and a copy of each would hold a long essay twice.
    Shared {
        source: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl Default for Chars {
    fn default() -> Chars {
        Chars::Owned(String::new())
    }
}

impl Chars {
    fn as_str(&self) -> &str {
        match self {
            Chars::Owned(s) => s,
            Chars::Shared { source, start, end } => &source[*start as usize..*end as usize],
        }
    }

    /// Appends `s`; shared characters become a string of their own first.
    fn push_str(&mut self, s: &str) {
        match self {
            Chars::Owned(own) => own.push_str(s),
            Chars::Shared { .. } => {
                let mut own = String::with_capacity(self.as_str().len() + s.len());
                own.push_str(self.as_str());
                own.push_str(s);
                *self = Chars::Owned(own);
            }
        }
    }
}

impl PartialEq for Chars {
    fn eq(&self, other: &Chars) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Chars {}

impl Text {
    pub fn plain(s: impl Into<String>) -> Text {
        Text {
            chars: Chars::Owned(s.into()),
            runs: None,
        }
    }

    /// Unstyled text that is `source[range]`, sharing `source` rather than copying it.
    /// (A range past 4 GB, which offsets of 32 bits cannot name, is copied.)
    pub fn shared(source: &Arc<String>, range: std::ops::Range<usize>) -> Text {
        let chars = match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if source.get(range.clone()).is_some() => Chars::Shared {
                source: Arc::clone(source),
                start,
                end,
            },
            _ => Chars::Owned(source.get(range).unwrap_or_default().to_string()),
        };
        Text { chars, runs: None }
    }

    /// Where this text lies in `source`, when it is an unstyled stretch of it.
    pub fn shared_range(&self, source: &Arc<String>) -> Option<std::ops::Range<usize>> {
        match &self.chars {
            Chars::Shared {
                source: s,
                start,
                end,
            } if self.runs.is_none() && Arc::ptr_eq(s, source) => {
                Some(*start as usize..*end as usize)
            }
            _ => None,
        }
    }

    /// Appends `s` with `style`, as [`Text::push`] does; but while the text is unstyled and
    /// `s` carries it on in `source` (a stretch of it, right after the text's own), the text
    /// keeps pointing into `source` rather than copying it.
    pub fn push_from(&mut self, source: &Arc<String>, s: &str, style: &Style) {
        if s.is_empty() {
            return;
        }
        if style.is_plain()
            && self.runs.is_none()
            && let Some(start) = offset_in(source, s)
        {
            let end = start + s.len();
            if self.as_str().is_empty() {
                *self = Text::shared(source, start..end);
                return;
            }
            if let Some(range) = self.shared_range(source)
                && range.end == start
            {
                *self = Text::shared(source, range.start..end);
                return;
            }
        }
        self.push(s, style);
    }

    /// Appends `s` with `style`, merging with the previous run when the style is the same.
    pub fn push(&mut self, s: &str, style: &Style) {
        if s.is_empty() {
            return;
        }
        let at = self.chars.as_str().len();
        match &mut self.runs {
            None if style.is_plain() => {}
            None => {
                let mut runs = Vec::new();
                if at > 0 {
                    runs.push((0, Style::default()));
                }
                runs.push((at, style.clone()));
                self.runs = Some(Box::new(runs));
            }
            Some(runs) => {
                if runs.last().is_none_or(|(_, last)| last != style) {
                    runs.push((at, style.clone()));
                }
            }
        }
        self.chars.push_str(s);
    }

    /// The text without styles.
    pub fn as_str(&self) -> &str {
        self.chars.as_str()
    }

    /// Makes each bare address in the text (`https://…`, `http://…`) a link to itself, as
    /// a browser shows it, outside code and existing links. The characters are untouched;
    /// only the runs change, and a text with no `://` is not looked at twice.
    pub fn link_bare_urls(&mut self) {
        let text = self.chars.as_str();
        if !text.contains("://") {
            return;
        }
        let segments: Vec<(usize, usize, Style)> = match self.runs.as_deref() {
            None => vec![(0, text.len(), Style::default())],
            Some(runs) => runs
                .iter()
                .enumerate()
                .map(|(i, (start, style))| {
                    let end = runs.get(i + 1).map_or(text.len(), |(next, _)| *next);
                    (*start, end, style.clone())
                })
                .collect(),
        };
        let mut runs: Vec<(usize, Style)> = Vec::new();
        let mut push = |at: usize, style: Style| {
            if runs.last().is_none_or(|(_, last)| *last != style) {
                runs.push((at, style));
            }
        };
        let mut found = false;
        for (start, end, style) in segments {
            if style.code || style.link.is_some() {
                push(start, style);
                continue;
            }
            let mut at = start;
            for (from, to) in bare_urls(&text[start..end]) {
                found = true;
                push(at, style.clone());
                let link = Style {
                    link: Some(text[start + from..start + to].to_string()),
                    ..style.clone()
                };
                push(start + from, link);
                at = start + to;
            }
            if at < end {
                push(at, style);
            }
        }
        if found {
            // The first run starts at 0, unstyled or not; drop empty ones.
            runs.dedup_by(|b, a| {
                a.0 == b.0 && {
                    a.1 = b.1.clone();
                    true
                }
            });
            self.runs = Some(Box::new(runs));
        }
    }

    /// The text without styles, as a string of its own.
    pub fn to_plain(&self) -> String {
        self.as_str().to_string()
    }

    /// The styled runs, in order.
    pub fn spans(&self) -> impl Iterator<Item = Span<'_>> {
        let text = self.as_str();
        let runs: &[(usize, Style)] = self.runs.as_deref().map_or(&[], Vec::as_slice);
        let plain = (runs.is_empty() && !text.is_empty()).then_some(Span {
            text,
            style: &PLAIN,
        });
        let styled = runs.iter().enumerate().map(move |(i, (start, style))| {
            let end = runs.get(i + 1).map_or(text.len(), |(next, _)| *next);
            Span {
                text: &text[*start..end],
                style,
            }
        });
        plain.into_iter().chain(styled)
    }

    pub fn is_empty(&self) -> bool {
        self.as_str().trim().is_empty()
    }

    /// The text without whitespace at either end (runs left empty are dropped).
    pub fn trimmed(self) -> Text {
        let text = self.as_str();
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        if start == 0 && end == text.len() {
            return self;
        }
        if let Chars::Shared {
            source,
            start: from,
            ..
        } = &self.chars
            && self.runs.is_none()
        {
            let from = *from as usize;
            return Text::shared(source, from + start..from + end);
        }
        let mut out = Text::default();
        let mut at = 0;
        for span in self.spans() {
            let (s, e) = (at, at + span.text.len());
            at = e;
            let (s, e) = (s.max(start), e.min(end));
            if s < e {
                out.push(&text[s..e], span.style);
            }
        }
        out
    }

    /// Gives back the room left over from appending: a long essay keeps every text.
    fn shrink_to_fit(&mut self) {
        if let Chars::Owned(s) = &mut self.chars {
            s.shrink_to_fit();
        }
        if let Some(runs) = &mut self.runs {
            runs.shrink_to_fit();
        }
    }
}

/// Where `part`, a slice of `source`, starts in it; `None` for text from elsewhere (a
/// string of its own, which cannot lie inside `source` while both are alive).
pub fn offset_in(source: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    (start + part.len() <= source.len()).then_some(start)
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// A leaf block: the unit the layout wraps.
///
/// Rare kinds keep their contents in a box, so that the common ones (paragraphs,
/// headings) set the size every block pays.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading; `level` is 1 (top) to 6.
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph(Text),
    Code(Box<Code>),
    /// A thematic break (`---`), or the gap before pasted readers' comments.
    Rule,
    Table(Box<Table>),
}

/// Code, shown as written; never wrapped into prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub lang: Option<String>,
    pub text: String,
}

/// A table: its columns' alignment, header cells and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Text>,
    pub rows: Vec<Vec<Text>>,
    /// The cells' words, each followed by a space: what search and notes read.
    plain: String,
}

impl Table {
    pub fn new(align: Vec<Align>, header: Vec<Text>, rows: Vec<Vec<Text>>) -> Table {
        let mut plain = String::new();
        for cell in header.iter().chain(rows.iter().flatten()) {
            plain.push_str(cell.as_str());
            plain.push(' ');
        }
        Table {
            align,
            header,
            rows,
            plain,
        }
    }
}

/// What a leaf block sits inside, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Container {
    Quote,
    /// A list item. `marker` is `•` or `3.`; `first` is true only on the item's first block,
    /// where the marker is drawn.
    ListItem {
        marker: String,
        first: bool,
    },
    /// The definition of footnote `label`; `first` as for list items.
    Footnote {
        label: String,
        first: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// What the block sits inside, outermost first; `None` for most blocks, which sit
    /// inside nothing, so that they pay one word for it rather than an empty list's three.
    #[allow(clippy::box_collection)]
    containers: Option<Box<Vec<Container>>>,
    /// 1-based line of the source where the block starts.
    pub line: usize,
}

impl Block {
    pub fn new(mut kind: BlockKind, line: usize) -> Block {
        // Texts are built by appending, which leaves up to half their room unused; a long
        // essay keeps every block, so give the spare room back.
        match &mut kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => text.shrink_to_fit(),
            BlockKind::Code(code) => code.text.shrink_to_fit(),
            BlockKind::Rule | BlockKind::Table(_) => {}
        }
        Block {
            kind,
            containers: None,
            line,
        }
    }

    /// What the block sits inside, outermost first.
    pub fn containers(&self) -> &[Container] {
        self.containers.as_deref().map_or(&[], Vec::as_slice)
    }

    pub fn set_containers(&mut self, containers: Vec<Container>) {
        self.containers = (!containers.is_empty()).then(|| Box::new(containers));
    }

    /// Makes the bare web addresses in this block's text links (see
    /// [`Text::link_bare_urls`]).
    pub fn link_bare_urls(&mut self) {
        if let BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) = &mut self.kind {
            text.link_bare_urls();
        }
    }

    /// The address of the first link in this block's text.
    pub fn first_link(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => {
                text.spans().find_map(|s| s.style.link.as_deref())
            }
            _ => None,
        }
    }

    /// The words a reader reads in this block (code and tables included), borrowed.
    pub fn plain(&self) -> &str {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => text.as_str(),
            BlockKind::Code(code) => &code.text,
            BlockKind::Rule => "",
            BlockKind::Table(table) => &table.plain,
        }
    }

    /// The words a reader reads in this block, as a string of its own.
    pub fn plain_text(&self) -> String {
        self.plain().to_string()
    }
}

/// A section: a heading and the blocks up to the next heading, or the opening text before
/// the first heading (`heading: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// 1 to 6 as written; the opening section has the level of the essay's top headings.
    pub level: u8,
    pub title: String,
    /// Index of the heading block, or `None` for the opening section.
    pub heading: Option<usize>,
    /// 1-based source line of the heading (of the first block for the opening section).
    pub line: usize,
    /// Blocks `start..end` belong to the section (its heading included).
    pub start: usize,
    pub end: usize,
    /// Words in the section's own blocks, not counting its heading or its subsections.
    pub words: usize,
    /// The enclosing section in the outline tree.
    pub parent: Option<usize>,
}

/// An essay, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Essay {
    /// The author's title, when the essay has one (front matter, a lone top heading, or the
    /// first line of a plain-text essay).
    pub title: Option<String>,
    /// Lines of a title block under the title: subtitle, byline, date.
    pub subtitle: Vec<String>,
    /// The language its front matter names (`lang: fr`), if any.
    pub lang: Option<String>,
    pub format: Format,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

impl Essay {
    /// Total words, title and headings excluded.
    pub fn words(&self) -> usize {
        self.sections.iter().map(|s| s.words).sum()
    }

    /// Sections that start at a heading: the essay's outline.
    pub fn outline(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.heading.is_some())
    }

    /// The sections directly under `parent` (`None`: the top of the outline).
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(move |&i| self.sections[i].parent == parent)
    }

    /// Whether block `block` is a passage: something a note can attach to (not a heading or
    /// a rule).
    pub fn is_passage(&self, block: usize) -> bool {
        self.blocks
            .get(block)
            .is_some_and(|b| !matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Rule))
    }

    /// The section that holds block `block`.
    pub fn section_of_block(&self, block: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.start <= block);
        i.checked_sub(1)
    }
}

/// Each block's plain text, as search and notes read it: borrowed from the blocks, not
/// copied (a long essay's text is held once).
#[derive(Debug, Clone, Copy)]
pub struct Plain<'a>(&'a [Block]);

impl<'a> Plain<'a> {
    pub fn get(&self, block: usize) -> Option<&'a str> {
        self.0.get(block).map(Block::plain)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn last(&self) -> Option<&'a str> {
        self.0.last().map(Block::plain)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        self.0.iter().map(Block::plain)
    }
}

impl crate::text::reattach::Blocks for Plain<'_> {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, block: usize) -> &str {
        self.get(block).unwrap_or("")
    }
}

impl std::ops::Index<usize> for Plain<'_> {
    type Output = str;

    fn index(&self, block: usize) -> &str {
        self.0[block].plain()
    }
}

impl Essay {
    /// Each block's plain text.
    pub fn plain(&self) -> Plain<'_> {
        Plain(&self.blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each run's text and its link, for a text whose bare addresses were linked.
    fn linked(text: &mut Text) -> Vec<(String, Option<String>)> {
        text.link_bare_urls();
        text.spans()
            .map(|s| (s.text.to_string(), s.style.link.clone()))
            .collect()
    }

    #[test]
    fn bare_addresses_become_links_without_the_sentence_s_punctuation() {
        let mut t = Text::plain("See https://example.com/a_(b). And (http://x.org/p), too.");
        assert_eq!(
            linked(&mut t),
            [
                ("See ".to_string(), None),
                (
                    "https://example.com/a_(b)".to_string(),
                    Some("https://example.com/a_(b)".to_string())
                ),
                (". And (".to_string(), None),
                (
                    "http://x.org/p".to_string(),
                    Some("http://x.org/p".to_string())
                ),
                ("), too.".to_string(), None),
            ]
        );
        // Code and existing links are left as they are; a scheme alone is no address.
        let mut t = Text::default();
        t.push("run ", &Style::default());
        t.push(
            "curl https://a.b",
            &Style {
                code: true,
                ..Style::default()
            },
        );
        t.push(" or https:// alone", &Style::default());
        assert!(linked(&mut t).iter().all(|(_, l)| l.is_none()));
        let mut t = Text::plain("no address here");
        assert!(linked(&mut t).iter().all(|(_, l)| l.is_none()));
        assert_eq!(t.runs, None, "a text with no address keeps no runs");
    }

    proptest::proptest! {
        /// Linking never changes the characters, and every link is a stretch of them.
        #[test]
        fn linking_keeps_the_text(s in "(\\PC|https?://[a-z./()]{0,12}){0,8}") {
            let mut t = Text::plain(s.clone());
            t.link_bare_urls();
            proptest::prop_assert_eq!(t.as_str(), s.as_str());
            let joined: String = t.spans().map(|sp| sp.text).collect();
            proptest::prop_assert_eq!(joined, s.clone());
            for sp in t.spans() {
                if let Some(link) = &sp.style.link {
                    proptest::prop_assert_eq!(link.as_str(), sp.text);
                }
            }
        }
    }

    fn strong() -> Style {
        Style {
            strong: true,
            ..Style::default()
        }
    }

    fn spans(text: &Text) -> Vec<(&str, bool)> {
        text.spans().map(|s| (s.text, s.style.strong)).collect()
    }

    #[test]
    fn runs_of_one_style_merge_and_plain_text_is_the_whole() {
        let mut t = Text::default();
        t.push("one ", &Style::default());
        t.push("two", &strong());
        t.push(" three", &strong());
        t.push(".", &Style::default());
        assert_eq!(
            spans(&t),
            [("one ", false), ("two three", true), (".", false)]
        );
        assert_eq!(t.as_str(), "one two three.");
        assert_eq!(spans(&Text::plain("just words")), [("just words", false)]);
        assert_eq!(spans(&Text::default()), []);
    }

    #[test]
    fn trimming_drops_the_runs_left_empty() {
        let mut t = Text::default();
        t.push("  ", &strong());
        t.push(" words ", &Style::default());
        t.push(" ", &strong());
        let t = t.trimmed();
        assert_eq!(spans(&t), [("words", false)]);
        assert_eq!(t, Text::plain("words"), "the same as if written unstyled");
    }

    #[test]
    fn shared_text_reads_and_compares_as_its_own() {
        let source = Arc::new(String::from("Title\n  A line of the essay.  \n"));
        let t = Text::shared(&source, 6..30);
        assert_eq!(t, Text::plain("  A line of the essay.  "));
        let t = t.trimmed();
        assert_eq!(t.as_str(), "A line of the essay.");
        assert_eq!(t.shared_range(&source), Some(8..28));
        let mut grown = t.clone();
        grown.push(" More.", &Style::default());
        assert_eq!(grown.as_str(), "A line of the essay. More.");
        assert_eq!(grown.shared_range(&source), None);
        assert_eq!(
            Text::shared(&source, 3..99),
            Text::default(),
            "out of range"
        );
    }

    #[test]
    fn a_block_costs_seven_words_at_most() {
        // A long essay of short paragraphs has a block per 50 bytes or so; each word more
        // per block is 8 MB more at 50 MB.
        assert!(size_of::<Block>() <= 56, "{}", size_of::<Block>());
    }
}
