/**
 * The window's look: AtlantaFX's Primer light and dark themes, the saved choice between them (or
 * following the desktop's colour scheme) and the View menu entries that switch it. Read {@link
 * dev.forkbook.ui.theme.ThemeSwitcher} first. Depends on nothing of ours.
 */
package dev.forkbook.ui.theme;
