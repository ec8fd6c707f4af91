//! Moving through a list or an offset by a step, in one place: a selection in the outline,
//! the notes or the library, the help's scroll, the outline's offset. Each was once its own
//! `(x as i64 + n).clamp(..) as usize`, with its own way of getting an empty list wrong.

/// A move through a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the first item.
    First,
    /// To the last item.
    Last,
    /// By this many items (negative: back).
    By(i64),
}

impl Step {
    /// `pos` moved by the step, kept between 0 and `last` (both included).
    pub fn up_to(self, pos: usize, last: usize) -> usize {
        match self {
            Step::First => 0,
            Step::Last => last,
            Step::By(n) => {
                let magnitude = usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX);
                if n < 0 {
                    pos.saturating_sub(magnitude)
                } else {
                    pos.saturating_add(magnitude)
                }
                .min(last)
            }
        }
    }

    /// `pos` moved by the step in a list of `len` items (0 in an empty list).
    pub fn in_list(self, pos: usize, len: usize) -> usize {
        self.up_to(pos, len.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn steps_stay_in_the_list() {
        assert_eq!(Step::By(1).in_list(3, 5), 4);
        assert_eq!(Step::By(1).in_list(4, 5), 4, "the last item stays");
        assert_eq!(Step::By(-1).in_list(0, 5), 0, "the first item stays");
        assert_eq!(Step::By(-10).in_list(3, 5), 0);
        assert_eq!(Step::By(10).in_list(3, 5), 4);
        assert_eq!(Step::First.in_list(3, 5), 0);
        assert_eq!(Step::Last.in_list(0, 5), 4);
    }

    #[test]
    fn an_empty_list_has_only_its_start() {
        for step in [Step::First, Step::Last, Step::By(1), Step::By(-1)] {
            assert_eq!(step.in_list(0, 0), 0);
            assert_eq!(step.in_list(7, 0), 0, "a stale selection comes back");
        }
    }

    #[test]
    fn extreme_steps_do_not_overflow() {
        assert_eq!(
            Step::By(i64::MAX).up_to(usize::MAX - 1, usize::MAX),
            usize::MAX
        );
        assert_eq!(Step::By(i64::MIN).up_to(5, 10), 0);
    }

    #[test]
    fn an_offset_goes_up_to_its_limit() {
        assert_eq!(Step::By(3).up_to(8, 10), 10);
        assert_eq!(Step::By(-3).up_to(2, 10), 0);
        assert_eq!(
            Step::By(0).up_to(12, 10),
            10,
            "a stale offset is brought back"
        );
    }
}
