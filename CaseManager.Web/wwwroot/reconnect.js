// The buttons of the reconnection panel (Components/Layout/ReconnectPanel.razor). Blazor shows
// and hides the panel itself by the state classes it sets on #components-reconnect-modal.
(() => {
    const panel = document.getElementById("components-reconnect-modal");
    if (!panel) {
        return;
    }

    const reload = () => location.reload();

    async function retry() {
        try {
            // true: reconnected; false: the server answered but no longer knows this page's circuit.
            if (!(await Blazor.reconnect())) {
                reload();
            }
        } catch {
            // The server is still out of reach: the panel stays, with its buttons.
        }
    }

    async function resume() {
        try {
            if (!(await Blazor.resumeCircuit())) {
                reload();
            }
        } catch {
            panel.classList.add("components-reconnect-resume-failed");
        }
    }

    document.getElementById("cm-reconnect-retry")?.addEventListener("click", retry);
    document.getElementById("cm-reconnect-resume")?.addEventListener("click", resume);
    document.getElementById("cm-reconnect-reload")?.addEventListener("click", reload);
    panel.addEventListener("components-reconnect-state-changed", event => {
        if (event.detail?.state === "rejected") {
            // The server restarted or forgot the circuit: a new page is the way back.
            reload();
        }
    });
    // A page left in the background reconnects when the person comes back to it.
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible" && panel.classList.contains("components-reconnect-failed")) {
            retry();
        }
    });
})();
