/**
 * Comparing branches: the compare view (two nodes' variables added, removed and changed, with paged
 * details, and both paths' outputs side by side) and the many-branches grid (one cell run on N nodes,
 * one column per branch). Start with {@link dev.forkbook.ui.compare.CompareViews}, the entry point
 * menus call; each view takes its model ({@link dev.forkbook.ui.compare.CompareModel},
 * {@link dev.forkbook.ui.compare.ManyBranchesModel}) in its constructor. Depends on the kernel API and
 * the notebook document; never on other ui features except ui.output for rendering.
 */
package dev.forkbook.ui.compare;
