# Builds the real Windows setup file: dist\chilinh-<version>-setup.exe.
# Run from a checkout in PowerShell on Windows 10/11 (64-bit) with Python 3.11 and NSIS 3 installed:
#
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1
#
# Steps: .venv with the project and PyInstaller -> dist\chilinh (chilinh.spec) -> one offscreen start
# on a temporary demo city -> makensis /WX installer.nsi. Used by .github/workflows/windows.yml too.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$python = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$pyArgs = if ($python -eq "py") { @("-3.11") } else { @() }
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    & $python @pyArgs -m venv .venv
    if ($LASTEXITCODE -ne 0) { throw "could not create .venv (is Python 3.11 installed?)" }
}
$venvPy = Resolve-Path ".venv\Scripts\python.exe"
& $venvPy -m pip install -q --disable-pip-version-check --upgrade pip
& $venvPy -m pip install -q --disable-pip-version-check . "pyinstaller>=6.10,<7"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$version = & $venvPy -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
Write-Host "chilinh $version"

# 1. Frozen one-folder build.
$watch = [Diagnostics.Stopwatch]::StartNew()
& $venvPy -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller chilinh.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
Write-Host ("frozen build: {0:N0} s" -f $watch.Elapsed.TotalSeconds)
$exe = Resolve-Path "dist\chilinh\chilinh.exe"

# 2. One start on a temporary demo city: shows the window, quits after a second (CHILINH_SMOKE=1).
$scratch = Join-Path ([IO.Path]::GetTempPath()) ("chilinh-smoke-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path (Join-Path $scratch "Hồ sơ 2023") | Out-Null
$env:CHILINH_SMOKE = "1"
$env:QT_QPA_PLATFORM = "offscreen"
try {
    $db = Join-Path $scratch "Hồ sơ 2023\demo.sqlite3"
    $run = Start-Process -FilePath $exe -ArgumentList @("gui", "--demo", "--db", "`"$db`"") -Wait -PassThru
    if ($run.ExitCode -ne 0) { throw "the frozen program exited with $($run.ExitCode)" }
    if (-not (Test-Path -LiteralPath $db)) { throw "the frozen program did not create $db" }
    Write-Host "frozen app started offscreen: OK"
} finally {
    Remove-Item Env:CHILINH_SMOKE, Env:QT_QPA_PLATFORM
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}

# 3. The setup file.
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) {
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($dir -and (Test-Path "$dir\NSIS\makensis.exe")) { $makensis = "$dir\NSIS\makensis.exe"; break }
    }
}
if (-not $makensis) { throw "makensis not found: install NSIS 3 (https://nsis.sourceforge.io or 'choco install nsis')" }
$dist = Resolve-Path "dist\chilinh"
$out = Join-Path (Resolve-Path "dist") "chilinh-$version-setup.exe"
& $makensis /WX /V2 /INPUTCHARSET UTF8 "/DVERSION=$version" "/DDIST_DIR=$dist" "/DOUT_FILE=$out" installer.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed (warnings are errors)" }
Write-Host ("setup file: {0} ({1:N0} MiB)" -f $out, ((Get-Item $out).Length / 1MB))
