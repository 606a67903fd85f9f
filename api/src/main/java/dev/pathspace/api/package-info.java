/** Interfaces and value types shared by every pathspace plug-in module. */
package dev.pathspace.api;
