// Starts Swagger UI on the document the gateway generates from the contracts. Kept out of the page so that the
// page runs under a Content-Security-Policy without inline scripts. Every URL is relative to the page (/docs).
"use strict";
window.addEventListener("load", function () {
  var base = document.baseURI;
  window.ui = SwaggerUIBundle({
    url: new URL("openapi.json", base).href,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    displayOperationId: true,
    displayRequestDuration: true,
    // Tokens stay in this tab's memory only.
    persistAuthorization: false,
    // Nothing is sent to a public validator.
    validatorUrl: null,
    oauth2RedirectUrl: new URL("docs/oauth2-redirect.html", base).href
  });
  window.ui.initOAuth({ usePkceWithAuthorizationCodeGrant: true });
});
