/**
 * The browser shell that other modules' pages plug into: the landing page, the dashboards that gather each role's
 * view from the modules' APIs, and what every page's layout needs.
 */
@NullMarked
package dev.atelier.web;

import org.jspecify.annotations.NullMarked;
