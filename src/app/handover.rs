//! A long essay opens on its first part, read and drawn at once, while the rest is read in
//! the background. When the whole essay arrives it replaces the part under the reader's
//! eyes: same place, same panes, same search, so the switch shows only as the outline and
//! the percentages completing.

use super::App;
use super::document::Document;
use super::sidebar::Sidebar;
use super::view::{Anchor, TextView};
use crate::essay::Essay;

/// The block of `essay` that starts at source line `line` (or the last one before it):
/// blocks keep their source lines, which do not change when more of the file is read.
fn block_at_line(essay: &Essay, line: usize) -> usize {
    essay
        .blocks
        .partition_point(|b| b.line <= line)
        .saturating_sub(1)
}

impl App {
    /// The block of the whole essay (now in `self.doc`) that block `block` of the part
    /// shown so far (`old`) stands for: by source line in the start, by place from the last
    /// block in the end (checked by its text), and none for the paragraph between them.
    fn same_block(&self, old: &Document, block: usize) -> Option<usize> {
        match old.tail_from {
            Some(from) if block + 1 == from => None,
            Some(from) if block >= from => {
                let from_last = old.essay.blocks.len() - block;
                let new = self.doc.essay.blocks.len().checked_sub(from_last)?;
                (self.doc.plain().get(new) == old.plain().get(block)).then_some(new)
            }
            _ => {
                let line = old.essay.blocks.get(block)?.line;
                Some(block_at_line(&self.doc.essay, line))
            }
        }
    }

    /// Puts the whole essay in place of the part shown so far. Returns whether the reader
    /// had moved meanwhile (if so, a kept position must not pull them back).
    pub(crate) fn finish_loading(&mut self, doc: Document) -> bool {
        let old = std::mem::replace(&mut self.doc, doc);
        let moved = !self.view.at_start() || self.pending_bottom;
        let top = self.view.top_anchor();
        let at_end = self.view.top >= self.view.max_top();
        let top_block = self.same_block(&old, top.block);
        let focus_block = self.same_block(&old, self.view.focus);

        let mut view = TextView::new(
            &self.doc,
            self.view.measure(),
            self.view.max_measure,
            self.view.justify,
        );
        view.height = self.view.height;
        self.view = view;
        self.sidebar = Sidebar::new(&self.doc.essay, self.sidebar.open);
        self.read = vec![false; self.doc.essay.sections.len()];

        if moved && old.tail_from.is_some() && at_end {
            // Reading the end: stay at the end.
            let last = self.view.max_top();
            self.view.jump_to(last);
            self.view.focus_last();
        } else if moved && let Some(block) = top_block {
            let pos = self.view.pos_of(Anchor {
                block,
                offset: top.offset,
            });
            self.view.jump_to(pos);
        }
        if let Some(block) = focus_block
            && self.doc.is_passage(block)
        {
            self.view.focus = block;
            self.view.follow_focus();
        }
        if self.search.active() {
            self.search.run(&self.doc);
            let anchor = self.view.top_anchor();
            self.search.current = self.search.first_from(anchor.block, anchor.offset);
        }
        if let Some(prompt) = self.search.prompt.as_mut() {
            prompt.origin = self.view.top;
        }
        if std::mem::take(&mut self.pending_bottom) {
            self.message = None;
            super::update(self, super::Action::Bottom);
        }
        self.relayout();
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;
    use crate::app::{Action, Options, update};

    fn essay(paragraphs: usize) -> String {
        let mut s = String::from("# Title\n\n");
        for i in 0..paragraphs {
            if i % 10 == 0 {
                s.push_str(&format!("## Part {i}\n\n"));
            }
            s.push_str(&format!(
                "Paragraph {i} has some words in it, enough to wrap on a narrow screen.\n\n"
            ));
        }
        s
    }

    /// A reader on `doc` in an 80x20 terminal.
    fn reader(doc: Document) -> App {
        let mut app = App::new(doc, Options::default());
        update(
            &mut app,
            Action::Resize {
                width: 80,
                height: 20,
            },
        );
        app
    }

    fn app_on(text: &str, partial: bool) -> App {
        let mut doc = Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into());
        doc.partial = partial;
        reader(doc)
    }

    fn whole(text: &str) -> Document {
        Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into())
    }

    #[test]
    fn the_reader_stays_on_the_passage_they_were_reading() {
        let full = essay(300);
        let head = &full[..full.len() / 4];
        let head = &head[..=head.rfind('\n').unwrap()];
        let mut app = app_on(head, true);
        update(&mut app, Action::ScrollLines(37));
        let before = app.view.top_anchor();
        let text = app.doc.plain()[before.block].to_string();
        assert!(app.finish_loading(whole(&full)), "the reader had moved");
        let after = app.view.top_anchor();
        assert_eq!(app.doc.plain()[after.block], text);
        assert_eq!(after.offset, before.offset);
        assert!(!app.doc.partial);
        assert_eq!(app.read.len(), app.doc.essay.sections.len());
        assert!(
            std::ptr::eq(
                std::ptr::from_ref(app.view.layout.essay()),
                std::sync::Arc::as_ptr(&app.doc.essay)
            ),
            "the text pane lays out the whole essay, not the part it replaced"
        );
    }

    #[test]
    fn the_end_asked_for_while_reading_is_gone_to_when_the_rest_arrives() {
        let full = essay(300);
        let head = &full[..2000];
        let head = &head[..=head.rfind('\n').unwrap()];
        let mut app = app_on(head, true);
        update(&mut app, Action::Bottom);
        assert!(app.pending_bottom);
        assert!(app.view.at_start(), "no end to go to yet");
        app.finish_loading(whole(&full));
        assert_eq!(app.view.top, app.view.max_top());
        assert!(app.percent() == 100);
    }

    /// A reader on the preview of `full`: its first and last 3,000 bytes or so.
    fn preview_of(full: &str) -> App {
        let head = &full[..=full[..3000].rfind('\n').unwrap()];
        let tail_start = full.len() - 3000;
        let tail = &full[tail_start + full[tail_start..].find("\n\n").unwrap() + 2..];
        let (preview, tail_from) = Essay::preview(
            Essay::parse(head, Format::Markdown, "t"),
            Essay::parse(tail, Format::Markdown, "t"),
            "t",
        );
        let mut doc = Document::new(preview, "t".into());
        doc.partial = true;
        doc.tail_from = Some(tail_from);
        reader(doc)
    }

    fn top_text(app: &App) -> String {
        app.doc.plain()[app.view.top_anchor().block].to_string()
    }

    #[test]
    fn the_preview_s_jumps_and_links_go_when_the_rest_arrives() {
        let full = essay(400);
        let mut app = preview_of(&full);
        update(&mut app, Action::Bottom);
        update(&mut app, Action::ShowLinks);
        assert!(
            app.jumps.can_go_back(),
            "the end is a jump in the preview too"
        );
        let whole = crate::app::action::Whole {
            doc: whole(&full),
            warnings: Vec::new(),
        };
        update(&mut app, Action::RestLoaded(Box::new(whole)));
        // Their blocks were numbered in the preview, not in the whole essay.
        assert!(!app.jumps.can_go_back());
        assert!(app.footnote.is_none());
    }

    #[test]
    fn the_end_read_before_the_rest_arrives_is_kept() {
        let full = essay(400);
        let mut app = preview_of(&full);
        // The end is there at once.
        update(&mut app, Action::Bottom);
        assert!(!app.pending_bottom);
        assert_eq!(app.view.top, app.view.max_top());
        let last = app.doc.plain().last().map(str::to_string);
        app.finish_loading(whole(&full));
        assert_eq!(app.view.top, app.view.max_top(), "still at the end");
        assert_eq!(app.doc.plain().last().map(str::to_string), last);

        // A little above the end: the same passage stays at the top.
        update(&mut app, Action::ScrollLines(-7));
        let text = top_text(&app);
        let mut again = preview_of(&full);
        update(&mut again, Action::Bottom);
        update(&mut again, Action::ScrollLines(-7));
        assert_eq!(top_text(&again), text);
        again.finish_loading(whole(&full));
        assert_eq!(top_text(&again), text);
    }

    #[test]
    fn notes_wait_for_the_whole_essay() {
        let full = essay(50);
        let mut app = app_on(&full[..1000], true);
        update(&mut app, Action::AddNote);
        assert!(app.notes.editor.is_none());
        assert!(
            app.message
                .as_deref()
                .unwrap_or("")
                .contains("once the whole essay")
        );
        assert!(
            !app.finish_loading(whole(&full)),
            "the reader had not moved"
        );
        update(&mut app, Action::AddNote);
        assert!(app.notes.editor.is_some());
    }
}
