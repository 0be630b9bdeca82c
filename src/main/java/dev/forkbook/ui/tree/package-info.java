/** The fork tree: a TreeView mirroring the notebook's tree, states shown by CSS pseudo-classes. */
package dev.forkbook.ui.tree;
