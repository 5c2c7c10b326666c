/** What a page says when a request made in place (htmx) could not reach the server at all. */
export const IN_PAGE_FAILURES_FR = {
  offline: 'La demande n’a pas pu être envoyée : vérifiez votre connexion puis réessayez.',
} as const;
