"""The notebooks in a real browser: JupyterLab, Chromium, Run All, and no error or stderr output.

nbval (see ``[tool.pytest.ini_options]``) runs the notebooks the way a test runner does: exercise cells skipped
by their tags, outputs compared as text. A reader opens them in JupyterLab and presses Run All, which runs every
cell, exercises included (JupyterLab ignores the tags), and renders every output in a browser. This module does
just that, once per numbered notebook:

* JupyterLab runs in a subprocess on 127.0.0.1, a free port and a random token, on a copy of the project in a
  temporary folder (the notebooks read ``../tests/gold/...`` relative to themselves), so nothing the browser or
  the kernel does (autosave, files a cell writes, checkpoints) can touch the files in the repository;
* Chromium (the system's: Playwright's own browser download is not needed) opens
  ``/lab/tree/notebooks/<name>?reset``, waits for an idle kernel, runs JupyterLab's own ``notebook:run-all-cells``
  command, and waits until it has finished and the kernel is idle again;
* every code cell must then have an execution count, no output may be an error or stderr, and every exercise
  must say "not answered yet" (what a student sees first); all are read from the notebook's model (every cell,
  whatever is rendered) and checked against the DOM (what the reader sees);
* a screenshot of the whole notebook (sidebars closed, the window as tall as the notebook) and the executed
  notebook go to ``$LAWGOV_BROWSER_ARTIFACTS`` (default: a folder under pytest's temporary path).

The module skips itself, with the reason, when Playwright or JupyterLab cannot be imported or no Chromium is
found (``$LAWGOV_CHROMIUM``, else ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``), so
``python -m pytest`` still passes on a machine without them. ``$LAWGOV_BROWSER_TIMEOUT`` (seconds, default 600)
bounds one notebook's Run All.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest

try:
    from playwright import sync_api as playwright_sync
except ImportError as error:  # a missing package, or one that cannot load on this machine
    pytest.skip(f"Playwright for Python cannot be imported ({error})", allow_module_level=True)
try:
    import jupyterlab  # noqa: F401  (the server runs as `python -m jupyter lab` in this interpreter)
except ImportError as error:
    pytest.skip(f"JupyterLab cannot be imported ({error}): install the notebooks extra", allow_module_level=True)

pytestmark = pytest.mark.slow  # a JupyterLab server and a browser: minutes, like the notebooks under nbval

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
RUN_TIMEOUT = float(os.environ.get("LAWGOV_BROWSER_TIMEOUT", "600"))
WIDTH = 1280
MAX_SCREENSHOT_HEIGHT = 32_000  # Chromium draws taller captures, but image viewers give up; tile past this
CHROMIUM_ARGS = [
    "--disable-background-networking",  # these five: no calls home, so no refused-connection noise offline
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",  # containers have a small /dev/shm
    "--hide-scrollbars",
    "--font-render-hinting=none",
]
# JupyterLab settings for the run, written to a fresh user-settings folder.
LAB_SETTINGS = {
    # Render every cell: with the default windowing ("contentVisibility" in JupyterLab 4.2+, "full" before)
    # cells off screen are not laid out, or not in the DOM at all, so neither the DOM check nor the screenshot
    # would see them. No blank screen's worth of space after the last cell either.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
    # The server works on a copy, but a run should not write even there behind our back.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # No "get Jupyter news?" toast and no update check: no network, nothing over the notebook in the picture.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.egg-info", ".hypothesis", ".ruff_cache", ".pytest_cache",
    ".ipynb_checkpoints", "node_modules", "dist", "build",
)  # fmt: skip
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# --- JavaScript run in the page; `window.jupyterapp` exists because the server runs with --expose-app-in-browser.
JS_PANEL = """(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) return w;
  }
  return null;
}"""
JS_READY = f"""(path) => {{
  const w = ({JS_PANEL})(path);
  if (!w || !w.context.isReady || !w.sessionContext.session || !w.sessionContext.session.kernel) return false;
  return w.sessionContext.kernelDisplayStatus === 'idle';
}}"""
JS_RUN_ALL = f"""(path) => {{
  const app = window.jupyterapp, w = ({JS_PANEL})(path);
  app.shell.activateById(w.id);  // notebook:run-all-cells acts on the current notebook
  window.__runAll = null;
  app.commands.execute('notebook:run-all-cells').then(
    (result) => {{ window.__runAll = {{result: result}}; }},
    (error) => {{ window.__runAll = {{error: String(error)}}; }});
}}"""
JS_FINISHED = f"""(path) => {{
  const w = ({JS_PANEL})(path);
  if (!window.__runAll || w.sessionContext.kernelDisplayStatus !== 'idle') return false;
  return ![...w.node.querySelectorAll('.jp-InputPrompt')].some((p) => p.textContent.includes('*'));
}}"""
JS_COLLECT = f"""(path) => {{
  const w = ({JS_PANEL})(path), cells = w.content.model.cells, model = [];
  for (let i = 0; i < cells.length; i++) model.push(cells.get(i).toJSON());
  const sel = (s) => [...w.node.querySelectorAll(s)];
  const cellIndex = (e) => {{
    const c = e.closest('.jp-Cell');
    return c ? w.content.widgets.findIndex((x) => x.node === c) : -1;
  }};
  return {{
    run: window.__runAll,
    notebook: w.context.model.toJSON(),
    cells: model,
    kernelStatus: w.sessionContext.kernelDisplayStatus,
    cellsInDom: sel('.jp-Notebook .jp-Cell').length,
    // JupyterLab renders stderr streams and error tracebacks alike with this MIME type.
    stderrInDom: sel('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').map(
      (e) => ({{cell: cellIndex(e), text: e.innerText}})),
    pngInDom: sel('.jp-OutputArea-output[data-mime-type="image/png"] img').map(
      (i) => ({{cell: cellIndex(i), loaded: i.complete && i.naturalWidth > 0}})),
  }};
}}"""
JS_LAYOUT = f"""(path) => {{
  const app = window.jupyterapp, w = ({JS_PANEL})(path);
  app.shell.collapseLeft(); app.shell.collapseRight();
  const outer = w.node.querySelector('.jp-WindowedPanel-outer') || w.content.node;
  outer.scrollTop = 0;
  return {{content: outer.scrollHeight, visible: outer.clientHeight, window: window.innerHeight}};
}}"""
JS_SCROLL = f"""([path, top]) => {{
  const w = ({JS_PANEL})(path), outer = w.node.querySelector('.jp-WindowedPanel-outer') || w.content.node;
  outer.scrollTop = top; return outer.scrollTop;
}}"""


def text_of(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def chromium_executable() -> str | None:
    configured = os.environ.get("LAWGOV_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str, method: str = "GET", timeout: float = 5) -> object:
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read()
    return json.loads(body) if body else None


def our_kernel_pids(runtime_dir: Path) -> list[int]:
    """Kernels of this server: their command line names a connection file in its own runtime folder."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(runtime_dir) in cmdline and int(proc.name) != os.getpid():
            pids.append(int(proc.name))
    return pids


@pytest.fixture(scope="module")
def chromium() -> str:
    path = chromium_executable()
    if path is None:
        pytest.skip("no Chromium found (set LAWGOV_CHROMIUM, or on Debian: apt-get install -y chromium)")
    fc_list = shutil.which("fc-list")
    if fc_list and not subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        warnings.warn("no Chinese font for Chromium: the screenshots show boxes for Chinese text in tables and "
                      "Markdown (Debian: apt-get install -y fonts-wqy-microhei)", stacklevel=1)  # fmt: skip
    return path


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("LAWGOV_BROWSER_ARTIFACTS")
    path = Path(folder).resolve() if folder else tmp_path_factory.mktemp("browser-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def lab(chromium: str, tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on a copy of the project: (base URL, token). Stopped, with its kernels, at the end."""
    home = tmp_path_factory.mktemp("jupyterlab")
    work = home / "project"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)  # the notebooks and what they read relative to themselves
    for plugin, values in LAB_SETTINGS.items():
        settings = home / "settings" / f"{plugin}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values), encoding="utf-8")
    runtime = home / "runtime"
    token, port = os.urandom(24).hex(), free_port()
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,  # not on the command line, where `ps` would show it
        "JUPYTER_CONFIG_DIR": str(home / "config"),  # no user or machine jupyter config, no user kernelspecs
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "IPYTHONDIR": str(home / "ipython"),  # no startup files or history of the user's profile
        "JUPYTER_PLATFORM_DIRS": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    env.pop("JUPYTER_PATH", None)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--ServerApp.root_dir={work}", "--expose-app-in-browser",
        f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LanguageServerManager.autodetect=False",  # jupyter-lsp: no probing for language servers
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = home / "server.log"
    log = log_path.open("w", encoding="utf-8")
    server = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                api(base, token, "/api/status", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer /api/status in 120 s:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.25)
        yield base, token
    finally:
        try:  # the server's own shutdown stops its kernels first
            api(base, token, "/api/shutdown", method="POST", timeout=30)
        except (OSError, urllib.error.URLError):
            pass
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        for pid in our_kernel_pids(runtime):  # kernels run in sessions of their own: killpg does not reach them
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()


@pytest.fixture(scope="module")
def browser(chromium: str):
    with playwright_sync.sync_playwright() as p:
        args = [*CHROMIUM_ARGS, *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])]
        instance = p.chromium.launch(executable_path=chromium, args=args)  # a fresh profile each launch
        try:
            yield instance
        finally:
            instance.close()


def screenshot(page, path: str, out: Path) -> list[Path]:
    """The whole notebook: the window made as tall as its content (tiles past MAX_SCREENSHOT_HEIGHT)."""
    for _ in range(5):  # growing the window reflows the notebook (wider, no sidebars): until it fits
        layout = page.evaluate(JS_LAYOUT, path)
        if layout["content"] <= layout["visible"] or layout["window"] >= MAX_SCREENSHOT_HEIGHT:
            break
        chrome = layout["window"] - layout["visible"]  # menu bar, tabs, toolbar, status bar
        height = min(layout["content"] + chrome, MAX_SCREENSHOT_HEIGHT)
        page.set_viewport_size({"width": WIDTH, "height": height})
        page.wait_for_timeout(500)
        page.wait_for_function("() => [...document.images].every((i) => i.complete)")
    tiles = -(-layout["content"] // max(layout["visible"], 1))
    shots = []
    for n in range(tiles):
        page.evaluate(JS_SCROLL, [path, n * layout["visible"]])
        page.wait_for_timeout(100)
        shots.append(out.with_name(f"{out.stem}-{n + 1}.png" if tiles > 1 else out.name))
        page.screenshot(path=str(shots[-1]), full_page=True)
    return shots


def cell_name(i: int, cell: dict, cells: int) -> str:
    """As a reader finds it: cell 29 of 36, In [15], and its first line."""
    lines = [line for line in text_of(cell["source"]).splitlines() if line.strip()]
    count = cell.get("execution_count")
    return f"cell {i + 1} of {cells}, In [{count or ' '}], {(lines or [''])[0][:70]!r}"


def problems_in(result: dict) -> list[str]:
    """What a reader would see go wrong: errors, stderr, cells Run All did not reach; the model's view."""
    problems, not_run = [], []
    for i, cell in enumerate(result["cells"]):
        if cell["cell_type"] != "code":
            continue
        name = cell_name(i, cell, len(result["cells"]))
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                traceback = ANSI.sub("", "\n".join(output.get("traceback", []))).strip().splitlines()
                context = "\n".join("    " + line for line in traceback[-8:-1] if line.strip())
                problems.append(f"{name}: {output['ename']}: {output['evalue']}\n{context}")
            elif output["output_type"] == "stream" and output.get("name") == "stderr":
                problems.append(f"{name}: stderr:\n    {text_of(output['text']).strip()[:1500]}")
        if cell.get("execution_count") is None:
            not_run.append(str(i + 1))
        elif "exercise" in cell.get("metadata", {}).get("tags", []):
            said = "".join(text_of(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", []))
            if not said.startswith("not answered yet"):
                problems.append(f"{name}: an exercise as handed out should say 'not answered yet', not {said[:200]!r}")
    if not_run:
        problems.append(f"cells not run (no execution count; Run All stops at an error): {', '.join(not_run)}")
    return problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_run_all_in_jupyterlab_shows_no_error(notebook: Path, lab, browser, artifacts: Path) -> None:
    base, token = lab
    path = notebook.relative_to(ROOT).as_posix()
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    console = []
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    started = time.monotonic()
    try:
        # JupyterLab 4's URL for a file; `reset` starts from an empty workspace (not the last test's tabs).
        page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
        page.wait_for_function(JS_READY, arg=path, timeout=120_000, polling=250)
        opened = time.monotonic()
        page.evaluate(JS_RUN_ALL, path)
        page.wait_for_function(JS_FINISHED, arg=path, timeout=RUN_TIMEOUT * 1000, polling=250)
        page.wait_for_timeout(300)  # outputs that arrive with the last idle
        page.wait_for_function(JS_FINISHED, arg=path, timeout=60_000, polling=250)
        ran = time.monotonic()
        result = page.evaluate(JS_COLLECT, path)
        (artifacts / f"{notebook.stem}.executed.ipynb").write_text(
            json.dumps(result["notebook"], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        shots = screenshot(page, path, artifacts / f"{notebook.stem}.png")
        timing = (f"opened in {opened - started:.1f} s, Run All took {ran - opened:.1f} s, "
                  f"{time.monotonic() - started:.1f} s in all")  # fmt: skip
        print(f"{notebook.name}: {timing}; screenshots: {', '.join(map(str, shots))}")
    except Exception:  # a timeout most likely: keep what the page showed
        page.screenshot(path=str(artifacts / f"{notebook.stem}.failed.png"))
        raise
    finally:
        context.close()
        try:  # one kernel at a time on a small machine
            for kernel in api(base, token, "/api/kernels"):
                api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE", timeout=30)
        except (OSError, urllib.error.URLError):
            pass

    problems = problems_in(result)
    if result["run"].get("error"):
        problems.insert(0, f"notebook:run-all-cells failed: {result['run']['error']}")
    # What the page shows must agree with the model: every cell rendered, each error or stderr output and
    # each chart on screen (a chart missing here but present in the model is a rendering problem).
    model_outputs = [o for c in result["cells"] for o in c.get("outputs", [])]
    shown_errors = sum(o["output_type"] == "error" or o.get("name") == "stderr" for o in model_outputs)
    charts = sum("image/png" in o.get("data", {}) for o in model_outputs)
    if result["cellsInDom"] != len(result["cells"]):
        problems.append(f"{result['cellsInDom']} of {len(result['cells'])} cells in the page (windowing on?)")
    if len(result["stderrInDom"]) != shown_errors:
        problems.append(f"{len(result['stderrInDom'])} error/stderr outputs on the page, {shown_errors} in the model")
    if len(result["pngInDom"]) != charts or not all(i["loaded"] for i in result["pngInDom"]):
        problems.append(f"charts: {charts} PNG outputs, {sum(i['loaded'] for i in result['pngInDom'])} drawn")
    problems += console
    summary = f"{path}: Run All in JupyterLab ({timing}); screenshot {shots[0]}"
    (artifacts / f"{notebook.stem}.problems.txt").write_text("\n\n".join([summary, *problems]) + "\n", "utf-8")
    if problems:
        pytest.fail(f"{summary}\n\n" + "\n\n".join(problems), pytrace=False)
