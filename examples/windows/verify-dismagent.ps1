<#
.SYNOPSIS
  Verifies dismagent against real DISM on this Windows machine and writes what DISM really returned.

.DESCRIPTION
  NOT YET RUN BY ITS AUTHORS: it was written on Linux, where DISM does not exist, and checked by
  reading only. Its first run on Windows is the point: the report it writes settles what the
  emulator could only assume (the codes DISM returns, whether Windows lets a mount become
  NeedsRemount or Invalid on demand).

  Needs an elevated PowerShell, a JDK 17 or newer (JAVA_HOME, or java on PATH), dism.exe, and the
  agent jar, at paths without spaces. It creates <Work> (default C:\dismagent-verify), captures a tiny folder into a WIM,
  mounts it, runs 'doctor', starts a JVM with the agent, checks /metrics and the DismImages MBean,
  tries to make the image NeedsRemount and then Invalid, repairs it through the agent, and finally
  unmounts with /Discard, runs /Cleanup-Mountpoints and removes <Work>. Nothing else is touched,
  except that reloading the WimMount filter affects every WIM mounted on the machine: run it on a
  machine with no other mounts.

.EXAMPLE
  .\verify-dismagent.ps1 -AgentJar C:\dismagent\dismagent.jar -Report C:\temp\dismagent-report.txt
#>
param(
    [Parameter(Mandatory = $true)] [string] $AgentJar,
    [string] $Work = 'C:\dismagent-verify',
    [int] $Port = 19781,
    [string] $Report = 'dismagent-windows-report.txt'
)
# 'Continue': java and dism write to stderr, which must not end the script; cmdlets that must not fail say -ErrorAction Stop.
$ErrorActionPreference = 'Continue'
$kit = $PSScriptRoot
$AgentJar = (Resolve-Path $AgentJar -ErrorAction Stop).Path
$Report = [IO.Path]::GetFullPath($Report)
$java = if ($env:JAVA_HOME) { Join-Path $env:JAVA_HOME 'bin\java.exe' } else { 'java' }
$lines = [Collections.Generic.List[string]]::new()
$script:failures = 0
$hostProcess = $null

function Note([string] $text) { $lines.Add($text); Write-Host $text }
function Hex([long] $code) { '0x{0:X8}' -f ($code -band 0xFFFFFFFFL) }
function Check([bool] $ok, [string] $what) {
    if ($ok) { Note "PASS $what" } else { Note "FAIL $what"; $script:failures++ }
}

# dism.exe's exit code is DISM's HRESULT: each one is recorded.
function Invoke-Dism([string[]] $arguments) {
    $output = & dism.exe @arguments 2>&1 | Out-String
    $code = $LASTEXITCODE
    Note ("dism {0} -> {1}" -f ($arguments -join ' '), (Hex $code))
    if ($code -ne 0) { Note ("  " + (($output.Trim() -split "`r?`n" | Select-Object -Last 3) -join ' | ')) }
    return $code
}

# The DismImages MBean, through JmxCheck.java (the JDK's source launcher, the Attach API).
function Invoke-Jmx([string[]] $arguments) {
    $output = & $java "$kit\JmxCheck.java" $hostProcess.Id @arguments 2>&1 | Out-String
    Note ("jmx {0} -> exit {1}" -f ($arguments -join ' '), $LASTEXITCODE)
    foreach ($line in ($output.Trim() -split "`r?`n")) { Note "  $line" }
    return $output
}

# The status whose dism_image_status series is 1 for this mount path: ok, needs_remount, invalid, or absent.
function Get-MetricStatus([string] $mountPath) {
    $label = [regex]::Escape($mountPath.Replace('\', '\\'))
    $metrics = (Invoke-WebRequest -UseBasicParsing "http://127.0.0.1:$Port/metrics").Content
    foreach ($line in ($metrics -split "`n")) {
        if ($line -match "^dism_image_status\{.*mount_path=`"$label`".*status=`"(\w+)`".*\} 1(\.0)?\s*$") { return $Matches[1] }
    }
    return 'absent'
}

function Wait-Until([scriptblock] $condition, [int] $seconds = 60) {
    $deadline = (Get-Date).AddSeconds($seconds)
    while ((Get-Date) -lt $deadline) {
        try { if (& $condition) { return $true } } catch { }
        Start-Sleep -Seconds 1
    }
    return $false
}

$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this from an elevated PowerShell: DISM requires it.'
}
if (Test-Path $Work) { throw "$Work exists; remove it (after DISM /Unmount-Image /Discard of anything mounted there) or choose -Work." }

Note "dismagent verification on $env:COMPUTERNAME, $(Get-Date -Format o)"
Note "Windows: $((Get-CimInstance Win32_OperatingSystem).Caption) $([Environment]::OSVersion.Version)"
Note "java: $((& $java -version 2>&1 | Select-Object -First 1))"
Note "agent: $AgentJar"

$src = Join-Path $Work 'src'
$mount = Join-Path $Work 'mount'
$wim = Join-Path $Work 'verify.wim'
$agentLog = Join-Path $Work 'agent.log'
New-Item -ItemType Directory -Path $src, $mount -ErrorAction Stop | Out-Null
Set-Content -Path (Join-Path $src 'hello.txt') -Value 'dismagent verification'
try {
    Check ((Invoke-Dism '/Capture-Image', "/ImageFile:$wim", "/CaptureDir:$src", '/Name:dismagent-verify') -eq 0) 'a tiny folder captured into a WIM'
    Check ((Invoke-Dism '/Mount-Image', "/ImageFile:$wim", '/Index:1', "/MountDir:$mount") -eq 0) 'the WIM mounted read/write'

    $doctor = & $java -jar $AgentJar doctor "port=$Port" 2>&1 | Out-String
    $doctorExit = $LASTEXITCODE
    foreach ($line in ($doctor.Trim() -split "`r?`n")) { Note "  doctor| $line" }
    Check ($doctorExit -eq 0) "doctor finds the machine healthy (exit $doctorExit)"
    Check ($doctor.Contains("Mount Dir : $mount")) 'doctor lists the mounted image'

    $hostProcess = Start-Process -FilePath $java -PassThru -NoNewWindow -RedirectStandardOutput (Join-Path $Work 'host.out') `
        -RedirectStandardError $agentLog `
        -ArgumentList "-javaagent:$AgentJar=port=$Port,interval=2s,allowCleanup=true,allowUnmount=true", "$kit\Host.java", '30'
    Check (Wait-Until { (Get-MetricStatus $mount) -eq 'ok' }) "/metrics shows $mount as ok"
    $shown = Invoke-Jmx 'show'
    Check ($shown -match 'Available=true') 'the DismImages MBean is Available'
    Check ($shown.Contains("image`t$mount`tOk")) 'the MBean lists the image as Ok'

    # NeedsRemount is what a mount becomes when the WIM filter driver lost it (after a reboot); reloading the
    # filter is the nearest thing without one. Windows may refuse to unload it while an image is mounted.
    foreach ($verb in 'unload', 'load') {
        $output = & fltmc.exe $verb WimMount 2>&1 | Out-String
        Note "fltmc $verb WimMount -> exit $LASTEXITCODE $($output.Trim())"
    }
    [void](Invoke-Jmx 'refresh')
    $status = Get-MetricStatus $mount
    Note "status after reloading the WimMount filter: $status"
    if ($status -eq 'needs_remount') {
        [void](Invoke-Jmx 'remount', $mount)
        Check (Wait-Until { (Get-MetricStatus $mount) -eq 'ok' }) 'the agent remounted the image'
    } else {
        Note "SKIP Windows did not leave the image in NeedsRemount this way; remount was not exercised"
    }

    # Invalid is what a mount becomes when its image file is gone; Windows may keep the file locked.
    try { Rename-Item -Path $wim -NewName 'verify.wim.moved' -ErrorAction Stop; Note 'the mounted WIM was renamed' }
    catch { Note "renaming the mounted WIM was refused: $($_.Exception.Message)" }
    [void](Invoke-Jmx 'refresh')
    $status = Get-MetricStatus $mount
    Note "status with the WIM renamed: $status"
    if ($status -eq 'invalid') {
        $result = Invoke-Jmx 'unmountDiscard', $mount
        if ($result -match 'Operation|not found|ReflectionException') { [void](Invoke-Dism '/Unmount-Image', "/MountDir:$mount", '/Discard') }
        [void](Invoke-Jmx 'cleanupMountpoints')
        Check (Wait-Until { (Get-MetricStatus $mount) -eq 'absent' }) 'the invalid image was cleaned up'
    } else {
        Note "SKIP Windows did not make the image Invalid this way; unmountDiscard and cleanupMountpoints were not exercised"
    }
} finally {
    if ($hostProcess -and -not $hostProcess.HasExited) { Stop-Process -Id $hostProcess.Id -Force; $hostProcess.WaitForExit(10000) | Out-Null }
    if (Test-Path "$wim.moved") { Rename-Item -Path "$wim.moved" -NewName 'verify.wim' }
    [void](Invoke-Dism '/Unmount-Image', "/MountDir:$mount", '/Discard')
    [void](Invoke-Dism '/Cleanup-Mountpoints')
    Note 'HRESULTs and DISM lines in the agent log:'
    if (Test-Path $agentLog) {
        Select-String -Path $agentLog -Pattern '0x[0-9A-Fa-f]{8}|DismInitialize|Loaded |JNA settings' | ForEach-Object { Note "  agent| $($_.Line)" }
    }
    Note "$script:failures check(s) failed"
    $lines | Set-Content -Path $Report -Encoding UTF8
    Remove-Item -Recurse -Force -Path $Work -ErrorAction SilentlyContinue
    Write-Host "Report: $Report"
}
if ($script:failures -gt 0) { exit 1 }
