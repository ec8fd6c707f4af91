//! Opening a web or mail address with the reader's browser: `$BROWSER` (a `:`-separated
//! list, tried in order, as xdg-utils reads it; `%s` in an entry stands for the address),
//! else the system's opener (`xdg-open`, `open` on macOS).
//!
//! The browser is taken for a window of its own: it is started detached, in a process
//! group of its own, with no terminal (its input and output go to /dev/null), and margin
//! does not wait for it. A browser that needs the terminal (lynx, w3m) gets none; margin
//! keeps the screen.

use std::process::{Command, Stdio};

/// The system's opener, when `$BROWSER` names none that starts.
const SYSTEM_OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// The commands to try for `address`, in order, each a program and its arguments.
pub fn commands(browser: Option<&str>, address: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = browser
        .unwrap_or("")
        .split(':')
        .filter_map(|entry| {
            let words: Vec<&str> = entry.split_whitespace().collect();
            let (program, args) = words.split_first()?;
            let mut command = vec![program.to_string()];
            let mut placed = false;
            for arg in args {
                if arg.contains("%s") {
                    placed = true;
                    command.push(arg.replace("%s", address));
                } else {
                    command.push(arg.to_string());
                }
            }
            if !placed {
                command.push(address.to_string());
            }
            Some(command)
        })
        .collect();
    out.push(vec![SYSTEM_OPENER.to_string(), address.to_string()]);
    out
}

/// Starts the first of the commands for `address` that starts; says why when none does.
pub fn open(address: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER").ok();
    let mut tried = Vec::new();
    for command in commands(browser.as_deref(), address) {
        let Some((program, args)) = command.split_first() else {
            continue;
        };
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            // Its own process group: Ctrl-C and Ctrl-Z at margin's terminal are not its.
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        match cmd.spawn() {
            Ok(mut child) => {
                // Reaped when it ends, so that no finished browser lingers as a zombie.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => tried.push(format!("{program}: {e}")),
        }
    }
    Err(format!(
        "No browser could be started ({}); set $BROWSER.",
        tried.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_lists_are_tried_in_order_then_the_system_opener() {
        let url = "https://example.org/a?b=1";
        let tried = commands(Some("firefox --new-window:w3m %s::"), url);
        assert_eq!(
            tried,
            [
                vec!["firefox", "--new-window", url],
                vec!["w3m", url],
                vec![SYSTEM_OPENER, url],
            ]
        );
        assert_eq!(commands(None, url), [vec![SYSTEM_OPENER, url]]);
    }
}
