/** The variables panel: the current node's kernel state, name by name. */
package dev.forkbook.ui.vars;
