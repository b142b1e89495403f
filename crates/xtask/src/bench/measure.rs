//! Wall time and peak resident memory of one child process.
//!
//! Peak memory comes from the kernel's accounting at reaping time
//! (`wait4`'s rusage), so it covers the whole life of the process, including
//! whatever helper processes it waited for, at no cost to the timing.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util;

/// What to start; kept as data because a `Command` cannot be reused across runs.
pub struct Invocation {
    pub program: OsString,
    pub args: Vec<OsString>,
    pub dir: PathBuf,
}

pub struct Run {
    pub wall: Duration,
    pub peak_rss_kib: u64,
}

pub enum Failure {
    TimedOut(Duration),
    Failed(String),
}

/// Runs `invocation` once with its output in `log`, killing it past `limit`.
pub fn once(invocation: &Invocation, log: &Path, limit: Duration) -> Result<Run, Failure> {
    let failed = |what: String| Failure::Failed(what);
    let log_file = File::create(log).map_err(|e| failed(format!("{}: {e}", log.display())))?;
    let log_err = log_file
        .try_clone()
        .map_err(|e| failed(format!("{}: {e}", log.display())))?;
    let mut cmd = util::command(&invocation.program);
    cmd.args(&invocation.args)
        .current_dir(&invocation.dir)
        .stdout(log_file)
        .stderr(Stdio::from(log_err));

    let start = Instant::now();
    let child = cmd
        .spawn()
        .map_err(|e| failed(format!("could not start `{}`: {e}", util::describe(&cmd))))?;
    let pid = child.id() as libc::pid_t;
    let (finished, watch) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = watch.recv_timeout(limit) {
            // Safe from pid reuse: the child is not reaped until this thread
            // has been joined, so `pid` is still ours, at worst a zombie.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let exited = wait_without_reaping(pid);
    let wall = start.elapsed();
    let _ = finished.send(());
    let _ = watchdog.join();
    exited.map_err(|e| failed(format!("waiting for `{}`: {e}", util::describe(&cmd))))?;
    let (status, usage) =
        reap(pid).map_err(|e| failed(format!("reaping `{}`: {e}", util::describe(&cmd))))?;
    // We reaped it ourselves; the handle only has to be forgotten.
    drop(child);

    if libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGKILL && wall >= limit {
        return Err(Failure::TimedOut(limit));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let how = if libc::WIFEXITED(status) {
            format!("exit status {}", libc::WEXITSTATUS(status))
        } else {
            format!("signal {}", libc::WTERMSIG(status))
        };
        return Err(failed(format!(
            "`{}` failed ({how}); last lines of {}:\n{}",
            util::describe(&cmd),
            util::shown(log),
            tail(log, 15)
        )));
    }
    Ok(Run {
        wall,
        // Linux reports ru_maxrss in KiB.
        peak_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// Blocks until `pid` exits but leaves it a zombie, so its pid cannot be
/// recycled while the watchdog may still signal it.
fn wait_without_reaping(pid: libc::pid_t) -> std::io::Result<()> {
    loop {
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let flags = libc::WEXITED | libc::WNOWAIT;
        if unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, flags) } == 0 {
            return Ok(());
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn reap(pid: libc::pid_t) -> std::io::Result<(libc::c_int, libc::rusage)> {
    loop {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } == pid {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn tail(log: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str) -> Invocation {
        Invocation {
            program: "sh".into(),
            args: vec!["-c".into(), script.into()],
            dir: std::env::temp_dir(),
        }
    }

    /// Fixed names, so repeated test runs overwrite rather than pile up.
    fn log(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("xtask-measure-{name}.log"))
    }

    #[test]
    fn a_successful_run_reports_time_and_memory() {
        let run = once(&shell("sleep 0.05"), &log("ok"), Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("sh should succeed"));
        assert!(run.wall >= Duration::from_millis(50));
        assert!(run.peak_rss_kib > 0);
    }

    #[test]
    fn a_failing_run_reports_its_output() {
        let result = once(
            &shell("echo broken >&2; exit 3"),
            &log("fail"),
            Duration::from_secs(30),
        );
        match result {
            Err(Failure::Failed(message)) => {
                assert!(message.contains("exit status 3"), "{message}");
                assert!(message.contains("broken"), "{message}");
            }
            _ => panic!("expected a failure"),
        }
    }

    #[test]
    fn a_run_past_its_limit_is_killed() {
        let started = Instant::now();
        let result = once(
            &shell("exec sleep 30"),
            &log("slow"),
            Duration::from_millis(200),
        );
        assert!(matches!(result, Err(Failure::TimedOut(_))));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
