/** Shared test support: a graph harness and contract tests that every plug-in's tests extend. */
package dev.pathspace.testkit;
