; Finsam Desktop: the Windows installer (Inno Setup 6.3 or later: x64compatible).
;
; Build the one-folder program on Windows first, then compile this script with the version
; from finsam_desktop.__version__ (installer/build.py --windows-installer does both steps):
;
;   .venv\Scripts\python installer\build.py --no-smoke
;   iscc /DAppVersion=0.1.0 /DDistDir=..\..\build\dist\finsam installer\windows\finsam.iss
;
; The result is build\installer\finsam-desktop-<version>-setup.exe. Written here, not built
; here: the README's "What is tested where" says which builds run where.

#ifndef AppVersion
  #error Ange versionen: iscc /DAppVersion=X.Y.Z (installer/build.py --windows-installer gör det)
#endif
#ifndef DistDir
  #define DistDir "..\..\build\dist\finsam"
#endif

#define AppName "Finsam Desktop"
#define AppExe "finsam.exe"

[Setup]
AppId={{6B0E3C52-8F0A-4C8E-9E61-2F5B7B0C4A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Finsam Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\installer
OutputBaseFilename=finsam-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\finsam.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ChangesAssociations=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"

[Tasks]
Name: "desktopicon"; Description: "Skapa en genväg på skrivbordet"; GroupDescription: "Genvägar:"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Avinstallera {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .finsam files open in Finsam Desktop (double-click in Utforskaren).
Root: HKA; Subkey: "Software\Classes\.finsam"; ValueType: string; ValueName: ""; ValueData: "FinsamDesktop.Forbund"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\FinsamDesktop.Forbund"; ValueType: string; ValueName: ""; ValueData: "Förbundsfil för Finsam Desktop"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\FinsamDesktop.Forbund\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\FinsamDesktop.Forbund\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent
