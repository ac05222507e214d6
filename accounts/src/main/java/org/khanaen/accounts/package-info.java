/**
 * Accounts: who can sign in, with which password, in which roles. Other modules create accounts
 * (a volunteer at sign-up, a sponsor, a coordinator by invitation) and keep their own link to the
 * account by its id; what a role may see is decided where the data lives.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = {})
package org.khanaen.accounts;
