/**
 * Elections: the reference data every other module builds on. An election has contests
 * (constituency MP and party list; governor and council for a local election), parties and
 * candidates with ballot numbers, and its own geography: province, constituency, district,
 * polling station. Loaded from the ECT's files or from Khanaen's election definition format.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Elections", allowedDependencies = {})
package org.khanaen.elections;
