//! Bad inputs: each is refused with exit 2 and a located message, or accepted with a warning.
