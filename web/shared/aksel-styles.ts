/**
 * Aksel's stylesheet without its @font-face rules, which load Source Sans 3 from NAV's CDN: the
 * apps' Content-Security-Policy allows fonts from this server only, so the same font comes from
 * the @fontsource package and is bundled with the apps (Aksel names the family "Source Sans 3" too).
 * The order is the one of @navikt/ds-css's index.css.
 */
import '@navikt/ds-css/dist/global/reset.css';
import '@navikt/ds-css/dist/global/tokens.css';
import '@navikt/ds-css/dist/global/baseline.css';
import '@navikt/ds-css/dist/global/print.css';
import '@fontsource/source-sans-3/latin-400.css';
import '@fontsource/source-sans-3/latin-600.css';
import '@fontsource/source-sans-3/latin-400-italic.css';
import '@navikt/ds-css/dist/components.css';
