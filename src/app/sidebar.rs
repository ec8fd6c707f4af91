//! The outline pane's state: which entries are folded, which is selected, how far the list
//! is scrolled. Entry 0 is the essay's title (the top of the essay); the others are the
//! sections that have headings, in order.

use std::collections::HashSet;

use crate::essay::Essay;

/// One row of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The section, or `None` for the title row.
    pub section: Option<usize>,
    /// Indentation depth (0 for the title and top-level sections).
    pub depth: usize,
    /// Whether this section has subsections (and so can fold).
    pub has_children: bool,
}

#[derive(Debug, Default)]
pub struct Sidebar {
    /// Shown (docked on wide terminals, as an overlay on narrow ones).
    pub open: bool,
    /// Folded sections.
    pub collapsed: HashSet<usize>,
    /// Selected row of `entries`.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// The visible rows, recomputed when folding changes; in the outline's order, so by
    /// section index.
    pub entries: Vec<Entry>,
    /// Columns the widest section row needs (kept: the layout asks at every resize).
    widest_section: usize,
}

impl Sidebar {
    pub fn new(essay: &Essay, open: bool) -> Sidebar {
        let mut s = Sidebar {
            open,
            ..Sidebar::default()
        };
        s.rebuild(essay);
        s
    }

    /// Recomputes the visible rows from the outline and the folded set.
    pub fn rebuild(&mut self, essay: &Essay) {
        let top = essay.outline().map(|(_, s)| s.level).min().unwrap_or(1);
        let mut entries = vec![Entry {
            section: None,
            depth: 0,
            has_children: false,
        }];
        // The level below which rows are hidden by a folded ancestor.
        let mut hidden_below: Option<u8> = None;
        for (i, s) in essay.outline() {
            if let Some(level) = hidden_below {
                if s.level > level {
                    continue;
                }
                hidden_below = None;
            }
            let has_children = essay
                .sections
                .get(i + 1)
                .is_some_and(|n| n.heading.is_some() && n.level > s.level);
            entries.push(Entry {
                section: Some(i),
                depth: usize::from(s.level.saturating_sub(top)),
                has_children,
            });
            if has_children && self.collapsed.contains(&i) {
                hidden_below = Some(s.level);
            }
        }
        use unicode_width::UnicodeWidthStr;
        self.widest_section = entries
            .iter()
            .filter_map(|e| {
                let s = e.section?;
                Some(
                    essay.sections[s].title.width() + 2 * e.depth + 2 * usize::from(e.has_children),
                )
            })
            .max()
            .unwrap_or(0);
        self.entries = entries;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    /// Selects the row of `section`, or of its nearest visible ancestor when folded away.
    pub fn select_section(&mut self, essay: &Essay, section: usize) {
        let mut target = Some(section);
        while let Some(t) = target {
            // Rows are in section order: a binary search, not a scan, at every move.
            if let Ok(row) = self.entries.binary_search_by_key(&Some(t), |e| e.section) {
                self.selected = row;
                return;
            }
            target = essay.sections.get(t).and_then(|s| s.parent);
        }
        self.selected = 0;
    }

    /// Columns the outline needs to show its longest row whole (frame and marks included).
    pub fn wanted_width(&self, doc: &super::document::Document) -> u16 {
        use unicode_width::UnicodeWidthStr;
        let widest = self.widest_section.max(doc.title().width());
        // Mark column and its space, the frame's rule and a column of air each side.
        u16::try_from(widest + 5).unwrap_or(u16::MAX)
    }

    pub fn move_selection(&mut self, delta: i64) {
        self.selected = super::step::Step::By(delta).in_list(self.selected, self.entries.len());
    }

    /// Keeps the selection within `rows` visible rows.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.entries.len().saturating_sub(rows));
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    /// Folds (`fold`) or unfolds the selected branch; returns whether anything changed.
    pub fn set_fold(&mut self, essay: &Essay, fold: bool) -> bool {
        let Some(entry) = self.selected_entry().cloned() else {
            return false;
        };
        let Some(section) = entry.section else {
            return false;
        };
        if !entry.has_children {
            // Folding a leaf folds its parent, as in file trees.
            if fold
                && let Some(parent) = essay.sections[section].parent
                && essay.sections[parent].heading.is_some()
            {
                self.collapsed.insert(parent);
                self.rebuild(essay);
                self.select_section(essay, parent);
                return true;
            }
            return false;
        }
        let changed = if fold {
            self.collapsed.insert(section)
        } else {
            self.collapsed.remove(&section)
        };
        self.rebuild(essay);
        self.select_section(essay, section);
        changed
    }
}
