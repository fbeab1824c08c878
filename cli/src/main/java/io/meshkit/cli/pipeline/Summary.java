package io.meshkit.cli.pipeline;

/** What a tool call did, in one line, and the rows it counted. */
record Summary(long rows, String text) {
}
