fn main() {
    std::process::exit(exposure::run(std::env::args_os()) as i32);
}
