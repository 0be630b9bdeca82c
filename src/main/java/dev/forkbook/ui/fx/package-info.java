/** The seam where other threads hand work to the JavaFX thread. Nothing else calls runLater. */
package dev.forkbook.ui.fx;
