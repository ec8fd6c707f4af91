//! The essay margin was started from: a blog post saved as plain text, one paragraph per
//! line, with readers' comments pasted at the end. It lives outside the repository, in the
//! shared folder beside the checkout; where it is not there, these tests say so and stop,
//! and under `CI=true` they fail (see `support::needs`, whose rule is tested here too).

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use margin::essay::{Essay, Format};
use support::needs::{need_on, seed};

#[test]
fn seed_has_its_title_and_exactly_five_sections() {
    let Some(text) = seed() else { return };
    let essay = Essay::parse(&text, Format::Text, "seed");
    assert_eq!(
        essay.title.as_deref(),
        Some("When the Relationship Gets Hard")
    );
    let titles: Vec<&str> = essay.outline().map(|(_, s)| s.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Sometimes the Lead is Buried",
            "We are wired to be in relationship",
            "When Our Earliest Relationships Let Us Down",
            "Therapy Can Be Tested",
            "The Relational Work",
        ]
    );
    let lines: Vec<usize> = essay.outline().map(|(_, s)| s.line).collect();
    assert_eq!(lines, vec![8, 21, 40, 65, 95]);
    // The comments are kept, at the end.
    let last = essay.blocks.last().unwrap().plain_text();
    assert!(last.contains("Megan Samuels"));
}

#[test]
fn a_missing_requirement_stops_the_test_elsewhere() {
    assert!(need_on(true, "something", true));
    assert!(need_on(false, "something", true));
    assert!(!need_on(false, "something", false));
}

#[test]
#[should_panic(expected = "needs something, which is missing; under CI=true")]
fn a_missing_requirement_fails_the_test_on_ci() {
    need_on(true, "something", false);
}
