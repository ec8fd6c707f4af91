//! Standard input read as it arrives. A slow pipe (`slow-command | margin -`) shows its
//! first screen as soon as that much has come, as `less` does, while the rest is still on
//! its way; a fast one (`cat essay.txt | margin -`) is read whole as before, or, when long,
//! shown from its start like a long file.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use super::source::{self, MAX_BYTES, Source};
use crate::error::{Error, Result};

/// What the thread reading standard input hands over.
enum Arrival {
    /// The next piece, while the first screen is still being waited for.
    Piece(Vec<u8>),
    /// Everything, at its end (or why it could not be read).
    Done(Result<Vec<u8>>),
}

/// How the reader starts on standard input.
pub enum Start {
    /// It ended before a screenful was wanted: the whole text (or why not).
    Whole(Result<Source>),
    /// Its start, with the rest still to come from [`Piped::rest`].
    First(Source, Piped),
}

/// Standard input, being read on a thread of its own.
pub struct Piped {
    arrivals: Receiver<Arrival>,
    /// Set once the first screen is decided: later pieces are not copied for nobody.
    enough: Arc<AtomicBool>,
}

fn stdin_path() -> &'static Path {
    Path::new("-")
}

/// Starts reading standard input on another thread, under the same cap and with the same
/// refusal of binary input as any file.
pub fn read_stdin() -> Piped {
    read_from(std::io::stdin())
}

fn read_from(from: impl std::io::Read + Send + 'static) -> Piped {
    let (tx, arrivals) = channel();
    let enough = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&enough);
    std::thread::spawn(move || {
        let all = source::read_capped_each(from, stdin_path(), MAX_BYTES, |piece| {
            if !done.load(Ordering::Relaxed) {
                let _ = tx.send(Arrival::Piece(piece.to_vec()));
            }
        });
        let _ = tx.send(Arrival::Done(all));
    });
    Piped { arrivals, enough }
}

impl Piped {
    /// Waits for `want` bytes, or the end, or `patience` after the first line came (a slow
    /// pipe shows what it has by then), and says how to start.
    pub fn start(self, want: usize, patience: Duration) -> Start {
        let mut got = Vec::new();
        let mut first_line: Option<Instant> = None;
        loop {
            let wait = first_line.map_or(Duration::from_secs(3600), |t| {
                patience.saturating_sub(t.elapsed())
            });
            match self.arrivals.recv_timeout(wait) {
                Ok(Arrival::Piece(piece)) => {
                    got.extend_from_slice(&piece);
                    if first_line.is_none() && piece.contains(&b'\n') {
                        first_line = Some(Instant::now());
                    }
                    if got.len() >= want {
                        break;
                    }
                }
                Ok(Arrival::Done(all)) => {
                    return Start::Whole(
                        all.and_then(|b| source::from_bytes(b, stdin_path(), None)),
                    );
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    return Start::Whole(Err(Error::LoaderStopped));
                }
            }
        }
        self.enough.store(true, Ordering::Relaxed);
        // A page or a book is converted whole: its start alone would show as tags.
        if super::sniff::kind(&got, stdin_path(), None) != super::sniff::Kind::Text {
            return Start::Whole(self.rest());
        }
        // Whole lines only; one line longer than a screenful is shown as far as it came.
        let cut = got
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(got.len(), |i| i + 1);
        match source::decode(&got[..cut], stdin_path()) {
            Ok(first) => Start::First(first, self),
            // Nothing to show yet (blank lines so far): wait for the whole of it. A binary
            // start is refused at once.
            Err(Error::Empty(_)) => Start::Whole(self.rest()),
            Err(e) => Start::Whole(Err(e)),
        }
    }

    /// The whole of standard input, once it has ended.
    pub fn rest(self) -> Result<Source> {
        // Pieces sent before the first screen was decided are in the whole already.
        for arrival in &self.arrivals {
            if let Arrival::Done(all) = arrival {
                return all.and_then(|b| source::from_bytes(b, stdin_path(), None));
            }
        }
        Err(Error::LoaderStopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe whose writer is the test: pieces are written when the test says.
    fn pipe() -> (std::io::PipeWriter, std::io::PipeReader) {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        (writer, reader)
    }

    #[test]
    fn a_slow_pipe_shows_its_first_lines_before_it_ends() {
        use std::io::Write;
        let (mut writer, reader) = pipe();
        writer
            .write_all(b"The First Line\n\nA paragraph that came early.\n")
            .unwrap();
        let piped = read_from(reader);
        let Start::First(first, piped) = piped.start(32 * 1024, Duration::from_millis(50)) else {
            panic!("the start is shown while the pipe is still open");
        };
        assert!(first.text.contains("came early"), "{}", first.text);
        writer
            .write_all(b"\nA paragraph that came late.\n")
            .unwrap();
        drop(writer);
        let whole = piped.rest().expect("the whole text");
        assert!(whole.text.contains("came early") && whole.text.contains("came late"));
    }

    #[test]
    fn a_short_pipe_that_ends_at_once_is_read_whole() {
        let piped = read_from(&b"Short.\n\nAll of it.\n"[..]);
        let Start::Whole(whole) = piped.start(32 * 1024, Duration::from_secs(5)) else {
            panic!("read whole");
        };
        assert!(whole.unwrap().text.contains("All of it."));
    }

    #[test]
    fn a_long_fast_pipe_starts_from_a_screenful_cut_at_a_line() {
        let text = "A line of the essay, long enough to count.\n".repeat(5_000);
        let piped = read_from(std::io::Cursor::new(text.clone().into_bytes()));
        let Start::First(first, piped) = piped.start(32 * 1024, Duration::from_secs(5)) else {
            panic!("a long input starts from its first part");
        };
        assert!(first.text.len() < text.len());
        assert!(first.text.ends_with('\n'));
        assert_eq!(*piped.rest().unwrap().text, text);
    }

    #[test]
    fn a_slow_web_page_waits_to_be_read_whole() {
        use std::io::Write;
        let (mut writer, reader) = pipe();
        writer
            .write_all(
                b"<!DOCTYPE html>\n<html><head><title>A Page</title></head>\n<body><p>Early.</p>\n",
            )
            .unwrap();
        let piped = read_from(reader);
        let late = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            writer.write_all(b"<p>Late.</p></body></html>\n").unwrap();
        });
        let Start::Whole(whole) = piped.start(32 * 1024, Duration::from_millis(20)) else {
            panic!("a page is not shown from its start");
        };
        late.join().unwrap();
        let text = whole.unwrap().text;
        assert!(text.contains("Late.") && !text.contains("<p>"), "{text}");
    }

    #[test]
    fn binary_input_is_refused_from_its_start() {
        let mut bytes = vec![0u8; 20_000];
        bytes[..5].copy_from_slice(b"\x7fELF\x02");
        let piped = read_from(std::io::Cursor::new(bytes));
        let Start::Whole(Err(e)) = piped.start(1024, Duration::from_secs(5)) else {
            panic!("refused");
        };
        assert!(matches!(e, Error::Binary { .. }), "{e}");
    }

    #[test]
    fn only_blank_lines_so_far_waits_for_the_text() {
        use std::io::Write;
        let (mut writer, reader) = pipe();
        writer.write_all(b"\n\n\n").unwrap();
        let piped = read_from(reader);
        let late = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            writer.write_all(b"Words at last.\n").unwrap();
        });
        let Start::Whole(whole) = piped.start(32 * 1024, Duration::from_millis(20)) else {
            panic!("nothing to show before the words");
        };
        late.join().unwrap();
        assert!(whole.unwrap().text.contains("Words at last."));
    }
}
