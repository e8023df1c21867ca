// A box that scrolls sideways (a wide table on a phone) must be reachable by keyboard, or its hidden columns are out
// of reach without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable). Which boxes overflow depends on the
// screen, so this is measured in the browser, after every load, enhanced navigation and resize, rather than written
// into each page: an overflowing box becomes a named region in the tab order; one that fits again leaves it.
// Names: two boxes under the same heading get numbered, so each landmark is told apart.
(() => {
    const boxes = () => document.querySelectorAll("main table, main .table-scroll");

    const nameOf = (box) => {
        const caption = box.querySelector("caption");
        if (caption && caption.textContent.trim()) return caption.textContent.trim();
        for (let at = box.previousElementSibling ?? box.parentElement; at; at = at.previousElementSibling ?? at.parentElement) {
            if (at.matches?.("h1, h2, h3, h4") && at.textContent.trim()) return at.textContent.trim();
            if (at.tagName === "MAIN") break;
        }
        return document.title;
    };

    // A table keeps its own role (only its name is added when it has no caption); a wrapping box becomes a region.
    const mark = () => {
        for (const box of boxes()) {
            const overflows = box.scrollWidth > box.clientWidth;
            if (overflows && !box.hasAttribute("tabindex")) {
                const added = ["tabindex"];
                box.setAttribute("tabindex", "0");
                if (box.tagName !== "TABLE" && !box.hasAttribute("role")) {
                    box.setAttribute("role", "region");
                    added.push("role");
                }
                if (!box.hasAttribute("aria-label") && !(box.tagName === "TABLE" && box.querySelector(":scope > caption"))) {
                    const name = nameOf(box);
                    const same = [...document.querySelectorAll("[data-scroll-region]")].filter(b => b.dataset.scrollName === name);
                    box.dataset.scrollName = name;
                    box.setAttribute("aria-label", same.length === 0 ? name : `${name} (${same.length + 1})`);
                    added.push("aria-label");
                }
                box.dataset.scrollRegion = added.join(" ");
            } else if (!overflows && box.dataset.scrollRegion !== undefined) {
                for (const name of box.dataset.scrollRegion.split(" ")) box.removeAttribute(name);
                delete box.dataset.scrollRegion;
                delete box.dataset.scrollName;
            }
        }
    };

    // Streamed and enhanced pages put their tables in after this script ran: look again whenever the page changes,
    // once a frame at most.
    let queued = false;
    const soon = () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
            queued = false;
            mark();
        });
    };
    mark();
    addEventListener("resize", mark);
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
})();
