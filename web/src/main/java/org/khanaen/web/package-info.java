/**
 * The web: pages for people (Thymeleaf, Thai first), the JSON API for partner apps and media,
 * security, error handling and configuration. It sits on top and may use every module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web",
        allowedDependencies = { "platform", "accounts", "elections", "elections :: ect", "volunteers", "assignment", "results", "results :: checks", "donations", "rewards", "proofs" })
package org.khanaen.web;
