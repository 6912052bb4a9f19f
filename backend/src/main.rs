use std::process::ExitCode;

/// See `docs/performance.md`: glibc's malloc took more than half of the server's CPU under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match backend::cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("错误 / error: {err:#}");
            ExitCode::from(2)
        }
    }
}
