//! `detente`: the game (no command, or `play`) and the headless commands.

use clap::Parser;
use detente_sim::cli::{Cli, Cmd};

fn main() {
    detente::perf::mark_process_start();
    let cli = Cli::parse();
    let code = match cli.command {
        None => detente::run_game(None, None),
        Some(Cmd::Play { file, seed }) => detente::run_game(Some(file), seed),
        Some(cmd) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            detente_sim::cli::run(cmd, &mut stdout.lock(), &mut stderr.lock())
        }
    };
    std::process::exit(code);
}
