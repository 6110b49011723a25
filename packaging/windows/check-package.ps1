# Checks the Windows packages the way a PC without Qt, vcpkg or the Visual C++ redistributable would meet them:
# unpacks the ZIP, installs the MSI (and removes it again), and in each tree looks for the files the programs
# need, then runs them from there with a PATH of Windows' own folders only: `--version` of all three, and
# `handover-server init`, which loads Qt's SQLite plug-in and libsodium.
#   check-package.ps1 -Packages DIR -Version X.Y.Z
param(
    [Parameter(Mandatory)] [string] $Packages,
    [Parameter(Mandatory)] [string] $Version
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$script:problems = 0
function Add-Problem([string] $Message) {
    Write-Host "check-package: $Message"
    $script:problems++
}

# Every file a clean PC needs, relative to the installation's root.
$required = @(
    'bin/handover.exe', 'bin/handover-server.exe', 'bin/handover-wa-sim.exe', 'bin/qt.conf',
    'bin/vcruntime140.dll', 'bin/vcruntime140_1.dll', 'bin/msvcp140.dll',
    'bin/libsodium.dll', 'bin/qt6keychain.dll',
    'bin/Qt6Core.dll', 'bin/Qt6Gui.dll', 'bin/Qt6Widgets.dll', 'bin/Qt6Network.dll', 'bin/Qt6Sql.dll',
    'bin/Qt6HttpServer.dll', 'bin/Qt6WebSockets.dll',
    'plugins/platforms/qwindows.dll', 'plugins/sqldrivers/qsqlite.dll'
)

# Runs a program of the tree with only Windows' folders on PATH and none of Qt's variables, so that nothing is
# found outside the tree; returns its exit code and output.
function Invoke-Isolated([string] $Program, [string[]] $Arguments) {
    $start = [System.Diagnostics.ProcessStartInfo]::new($Program)
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    foreach ($name in @($start.Environment.Keys)) {
        if ($name -in @('PATH', 'QT_PLUGIN_PATH', 'QML2_IMPORT_PATH', 'QT_QPA_PLATFORM_PLUGIN_PATH')) {
            [void] $start.Environment.Remove($name)
        }
    }
    $start.Environment['PATH'] = "$env:SystemRoot\System32;$env:SystemRoot"
    $process = [System.Diagnostics.Process]::Start($start)
    $out = $process.StandardOutput.ReadToEndAsync()
    $err = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit(120000)) {
        $process.Kill()
        return [pscustomobject]@{ ExitCode = -1; Output = "did not end within 120 s" }
    }
    $process.WaitForExit()
    return [pscustomobject]@{ ExitCode = $process.ExitCode; Output = ($out.Result + $err.Result).Trim() }
}

function Test-Tree([string] $Label, [string] $Root) {
    Write-Host "check-package: $Label in $Root"
    foreach ($file in $required) {
        if (-not (Test-Path -LiteralPath (Join-Path $Root $file) -PathType Leaf)) {
            Add-Problem "$Label has no $file"
        }
    }
    $bin = Join-Path $Root 'bin'
    foreach ($program in @('handover', 'handover-server', 'handover-wa-sim')) {
        $exe = Join-Path $bin "$program.exe"
        if (-not (Test-Path -LiteralPath $exe)) { continue }
        $run = Invoke-Isolated $exe @('--version')
        $first = ($run.Output -split "`r?`n")[0]
        if ($run.ExitCode -ne 0 -or $first -ne "$program $Version") {
            Add-Problem "$Label`: $program.exe --version exited with $($run.ExitCode) and said: $($run.Output)"
        }
    }
    $server = Join-Path $bin 'handover-server.exe'
    if (Test-Path -LiteralPath $server) {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) ("handover-check-" + [guid]::NewGuid())
        $run = Invoke-Isolated $server @('init', '--data-dir', $data, '--org-name', 'Check',
            '--admin-email', 'admin@check.invalid', '--admin-password', 'correct-horse-battery')
        if ($run.ExitCode -ne 0 -or $run.Output -notmatch '"org_id":"') {
            Add-Problem "$Label`: handover-server.exe init exited with $($run.ExitCode) and said: $($run.Output)"
        }
        Remove-Item -LiteralPath $data -Recurse -Force -ErrorAction SilentlyContinue
    }
}

$zip = Join-Path $Packages "Handover-$Version-win64.zip"
$msi = Join-Path $Packages "Handover-$Version-win64.msi"
foreach ($package in @($zip, $msi)) {
    if (-not (Test-Path -LiteralPath $package)) { throw "check-package: no $package" }
}

# The ZIP: unpacked anywhere, it must run from there.
$unpacked = Join-Path ([System.IO.Path]::GetTempPath()) ("handover-zip-" + [guid]::NewGuid())
Expand-Archive -LiteralPath $zip -DestinationPath $unpacked
$servers = @(Get-ChildItem -LiteralPath $unpacked -Recurse -Filter 'handover-server.exe')
if ($servers.Count -ne 1) {
    Add-Problem "the ZIP holds $($servers.Count) handover-server.exe"
} else {
    Test-Tree 'the ZIP' $servers[0].Directory.Parent.FullName
}

# The MSI: installed as a user would, then removed.
$log = Join-Path $Packages 'msi-install.log'
$install = Start-Process msiexec.exe -ArgumentList @('/i', "`"$msi`"", '/qn', '/norestart', '/l*v', "`"$log`"") -Wait -PassThru
if ($install.ExitCode -ne 0 -and $install.ExitCode -ne 3010) {
    throw "check-package: msiexec /i exited with $($install.ExitCode); see $log"
}
$installed = Join-Path $env:ProgramFiles 'Handover'
Test-Tree 'the MSI' $installed
$menus = @([Environment]::GetFolderPath('CommonPrograms'), [Environment]::GetFolderPath('Programs'))
$shortcuts = @($menus | Where-Object { Test-Path -LiteralPath $_ } |
    ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -Filter 'Handover.lnk' })
if ($shortcuts.Count -eq 0) { Add-Problem "the MSI made no Handover entry in the Start menu" }
$remove = Start-Process msiexec.exe -ArgumentList @('/x', "`"$msi`"", '/qn', '/norestart') -Wait -PassThru
if ($remove.ExitCode -ne 0 -and $remove.ExitCode -ne 3010) {
    Add-Problem "msiexec /x exited with $($remove.ExitCode)"
} elseif (Test-Path -LiteralPath (Join-Path $installed 'bin/handover.exe')) {
    Add-Problem "the MSI's programs are still there after it was removed"
}

if ($script:problems -ne 0) {
    throw "check-package: $script:problems problems"
}
Write-Host "check-package: the ZIP and the MSI of $Version are complete and start"
