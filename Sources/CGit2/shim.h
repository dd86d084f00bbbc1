#include <git2.h>

/// Turns off libgit2's check of every object's hash as it is read (`git_libgit2_opts` is
/// variadic, which Swift cannot call). Like git itself, casebook trusts the object database it
/// reads; the check hashed every blob again with collision-detecting SHA-1.
static inline int casebook_git_trust_object_hashes(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}
