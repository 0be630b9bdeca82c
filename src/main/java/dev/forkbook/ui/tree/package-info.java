/**
 * The fork graph: a virtualized commit-graph list of the notebook's tree. {@link
 * dev.forkbook.ui.tree.LaneLayout} (pure, no JavaFX) places nodes in lanes; {@link
 * dev.forkbook.ui.tree.ForkGraphView} draws each visible row on a canvas in a recycled cell; {@link
 * dev.forkbook.ui.tree.NodeStatus} is the one mapping of cell statuses to CSS pseudo-classes and
 * words; {@link dev.forkbook.ui.tree.NodeSelection} holds the nodes Ctrl+click selects for Compare
 * and "Run a cell on selected nodes" (the window opens those views). Depends on the notebook model and
 * ui.notebook's view model only; start with ForkGraphView.
 */
package dev.forkbook.ui.tree;
