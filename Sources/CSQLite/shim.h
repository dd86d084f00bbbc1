#include <sqlite3.h>

/// Turns off SQLite's memory statistics (`sqlite3_config` is variadic, which Swift cannot call).
/// Keeping them takes a process-wide mutex on every allocation SQLite makes: about 9% of the CPU
/// of writing a bulk of results. Works only before SQLite is first used in the process; answers
/// SQLITE_MISUSE after that.
static inline int casebook_sqlite_skip_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
