/*
 * What the libraries alone need to load a commit, for BENCHMARKS.md: reads every blob of HEAD's
 * tree with libgit2 (as casebook reads them: without hashing them again, one repository handle
 * per thread) and parses each with libyaml's event API, throwing the events away. The blobs are
 * shared out among THREADS threads in runs, as casebook's workers share files out. Prints the
 * number of blobs and the seconds it took.
 *
 *   floor REPOSITORY THREADS
 */
#include <git2.h>
#include <yaml.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *repository_path;
static git_oid *blobs;
static size_t count, capacity;
static long threads;

static int collect(const char *root, const git_tree_entry *entry, void *payload) {
    (void)root;
    (void)payload;
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 1024;
        blobs = realloc(blobs, capacity * sizeof(git_oid));
        if (!blobs) return -1;
    }
    blobs[count++] = *git_tree_entry_id(entry);
    return 0;
}

/* Reads and parses the blobs of share `index` of `threads`; answers non-NULL on failure. */
static void *read_and_parse(void *index) {
    long share = (long)index;
    git_repository *repository;
    git_odb *odb;
    if (git_repository_open(&repository, repository_path) || git_repository_odb(&odb, repository)) return "cannot open the repository";
    for (size_t i = share * count / threads; i < (share + 1) * count / threads; i++) {
        git_odb_object *object;
        yaml_parser_t parser;
        yaml_event_t event;
        int done = 0;
        if (git_odb_read(&object, odb, &blobs[i])) return "cannot read a blob";
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, git_odb_object_data(object), git_odb_object_size(object));
        while (!done && yaml_parser_parse(&parser, &event)) {
            done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        git_odb_object_free(object);
    }
    git_odb_free(odb);
    git_repository_free(repository);
    return NULL;
}

int main(int argc, char **argv) {
    git_repository *repository;
    git_object *tree;
    pthread_t workers[64];
    struct timespec start, end;
    if (argc != 3 || (threads = atol(argv[2])) < 1 || threads > 64) {
        fprintf(stderr, "usage: floor REPOSITORY THREADS (1 to 64)\n");
        return 2;
    }
    repository_path = argv[1];
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    if (git_repository_open(&repository, repository_path) || git_revparse_single(&tree, repository, "HEAD^{tree}")
        || git_tree_walk((git_tree *)tree, GIT_TREEWALK_PRE, collect, NULL)) {
        fprintf(stderr, "floor: %s\n", git_error_last() ? git_error_last()->message : "cannot list the commit");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < threads; i++) pthread_create(&workers[i], NULL, read_and_parse, (void *)i);
    for (long i = 0; i < threads; i++) {
        void *failure;
        pthread_join(workers[i], &failure);
        if (failure) {
            fprintf(stderr, "floor: %s\n", (const char *)failure);
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%zu %.3f\n", count, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
