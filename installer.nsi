; The Windows setup file of chilinh: wraps the frozen one-folder build (PyInstaller, chilinh.spec).
;
; Per-user: no administrator rights, installs into %LOCALAPPDATA%\Programs\chilinh, writes only to
; HKEY_CURRENT_USER. Upgrading runs the new setup over the old one (same folder, no questions about
; data). User data lives apart, in %LOCALAPPDATA%\chilinh (database with dossiers and keys, backups,
; demo city) and HKCU\Software\chilinh\chilinh (settings): an upgrade never touches it, and the
; uninstaller keeps it unless the user answers Yes to a question whose default is No.
;
; Build (scripts/build-installer.sh on Linux, scripts/build-windows.ps1 on Windows):
;   makensis -WX -DVERSION=0.1.0 -DDIST_DIR=dist\chilinh [-DOUT_FILE=dist\chilinh-0.1.0-setup.exe] installer.nsi
; Defines:
;   VERSION       program version, from pyproject.toml (required)
;   DIST_DIR      the frozen build folder holding EXE_NAME and _internal\ (required)
;   OUT_FILE      the setup file to write (default: chilinh-VERSION-setup.exe beside this script)
;   VERSION_QUAD  four numbers for the file's version resource (default: VERSION with .0 appended)
;   EXE_NAME      the program's file name in DIST_DIR (default chilinh.exe; the Linux check uses chilinh)
;   PUBLISHER     shown in Add/Remove Programs (default "chilinh")
;   SILENT_DATA_ANSWER  IDNO (default: a silent uninstall keeps the data); IDYES only for the Wine check
;   COMPRESSOR    lzma (default, smallest) or zlib (faster: the CI check)
;   ICON          the .ico of setup, uninstaller and Add/Remove Programs (default packaging\chilinh.ico)

Unicode true
!ifdef TARGET
  Target ${TARGET}  ; amd64-unicode: the 64-bit setup that scripts/build-windows-setup.sh builds
!endif
ManifestDPIAware true
RequestExecutionLevel user
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
SetCompressor /SOLID ${COMPRESSOR}

!ifndef VERSION
  !error "Pass the program version: makensis -DVERSION=x.y.z ..."
!endif
!ifndef DIST_DIR
  !error "Pass the frozen build folder: makensis -DDIST_DIR=dist\chilinh ..."
!endif
!ifndef EXE_NAME
  !define EXE_NAME "chilinh.exe"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "${__FILEDIR__}\chilinh-${VERSION}-setup.exe"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef SILENT_DATA_ANSWER
  !define SILENT_DATA_ANSWER IDNO  ; what a silent uninstall (/S) answers to "delete your data?"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "chilinh"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\packaging\chilinh.ico"
!endif

!define APP_ID "chilinh"
!define APP_NAME "Hồ sơ kiểm điểm"
!define DISPLAY_NAME "Hồ sơ kiểm điểm (chilinh)"
!define SHORTCUT "${APP_NAME}.lnk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define UNINSTALLER "uninstall.exe"
; Where the program keeps the user's data (platformdirs.user_data_dir("chilinh", appauthor=False))
; and its settings (QSettings, organisation "chilinh", application "chilinh").
!define DATA_DIR "$LOCALAPPDATA\chilinh"
!define SETTINGS_KEY "Software\chilinh"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${DISPLAY_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${DISPLAY_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${DISPLAY_NAME} ${VERSION} setup"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

Var Upgrading

; ---- Pages ---------------------------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
; Remember the language chosen at the first install: upgrades and the uninstaller reuse it.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryWhenUpgrading
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: the default, and first in the language list.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecProgramName ${LANG_VIETNAMESE} "Chương trình ${APP_NAME}"
LangString SecProgramName ${LANG_ENGLISH} "The ${APP_NAME} program"
LangString SecDesktopName ${LANG_VIETNAMESE} "Lối tắt trên màn hình nền (Desktop)"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString MsgRunning ${LANG_VIETNAMESE} "Chương trình ${APP_NAME} đang mở.$\r$\nHãy đóng chương trình rồi bấm Thử lại (Retry)."
LangString MsgRunning ${LANG_ENGLISH} "${APP_NAME} is running.$\r$\nClose the program, then click Retry."
; The oldest Windows the program runs on: Windows 10 version 1809 (build 17763), 64-bit, the oldest
; that Qt 6.9 supports (the Qt the Windows build pins; Python 3.11 itself would run on 8.1).
LangString MsgOldWindows ${LANG_VIETNAMESE} "Không cài được: chương trình ${APP_NAME} cần Windows 10 (phiên bản 1809) 64-bit hoặc mới hơn (Windows 11).$\r$\nMáy này đang chạy phiên bản Windows cũ hơn. Không có gì trên máy bị thay đổi.$\r$\nHãy cài trên máy khác hoặc nhờ bộ phận tin học nâng cấp Windows."
LangString MsgOldWindows ${LANG_ENGLISH} "${APP_NAME} needs 64-bit Windows 10 version 1809 or later (Windows 11).$\r$\nThis PC runs an older Windows. Nothing was changed.$\r$\nInstall it on another PC, or ask your IT staff to upgrade Windows."
LangString MsgDataDir ${LANG_VIETNAMESE} "Không cài được vào thư mục dữ liệu ${DATA_DIR}. Hãy chọn thư mục khác."
LangString MsgDataDir ${LANG_ENGLISH} "The program cannot be installed into its data folder ${DATA_DIR}. Choose another folder."
LangString MsgRemoveData ${LANG_VIETNAMESE} "Có XÓA LUÔN dữ liệu của bạn không?$\r$\n$\r$\nThư mục dữ liệu: ${DATA_DIR}$\r$\n(hồ sơ, khóa ký, bản sao lưu và thiết lập của chương trình)$\r$\n$\r$\nChọn Không (No) để GIỮ LẠI dữ liệu — nên chọn như vậy nếu sẽ cài lại.$\r$\nCác tệp đã xuất ra nơi khác (gói nộp, PDF, bản sao lưu trên USB) không bao giờ bị xóa."
LangString MsgRemoveData ${LANG_ENGLISH} "Also DELETE your data?$\r$\n$\r$\nData folder: ${DATA_DIR}$\r$\n(dossiers, signing keys, backups and the program's settings)$\r$\n$\r$\nChoose No to KEEP the data — do so if you will install again.$\r$\nFiles exported elsewhere (packages, PDFs, backups on USB) are never deleted."

; ---- Install ------------------------------------------------------------------------------

; Waits until the program is closed: its files cannot be replaced or removed while it runs.
!macro WAIT_UNTIL_CLOSED UN
  Function ${UN}WaitUntilClosed
    ${Do}
      ${IfNot} ${FileExists} "$INSTDIR\${EXE_NAME}"
        ${Break}
      ${EndIf}
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE_NAME}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgRunning)" /SD IDCANCEL IDRETRY retry
      Quit
      retry:
    ${Loop}
  FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Section "!$(SecProgramName)" SecProgram
  SectionIn RO
  SetShellVarContext current
  Call WaitUntilClosed
  SetOutPath "$INSTDIR"
  ${If} $Upgrading == 1
    ; The old version's program files only: a new build may not ship the same files.
    ; Nothing outside $INSTDIR\_internal and the executable is removed; user data is elsewhere.
    DetailPrint "Upgrade: removing the previous program files in $INSTDIR\_internal"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  File "${DIST_DIR}\${EXE_NAME}"
  File /r "${DIST_DIR}\_internal"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  ; Add/Remove Programs (Apps & features), for this user only.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\${UNINSTALLER}$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\${UNINSTALLER}$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K /G=1" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
SectionEnd

Function .onInit
  SetShellVarContext current
  StrCpy $LANGUAGE ${LANG_VIETNAMESE}
  !insertmacro MUI_LANGDLL_DISPLAY
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
  ${OrIfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(MsgOldWindows)" /SD IDOK
    Abort
  ${EndIf}
  ; An earlier install (InstallDirRegKey has already put its folder into $INSTDIR): upgrade it in place.
  StrCpy $Upgrading 0
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${EXE_NAME}"
    StrCpy $Upgrading 1
    ; Keep the user's earlier choice about the desktop shortcut.
    ${IfNot} ${FileExists} "$DESKTOP\${SHORTCUT}"
      !insertmacro UnselectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
FunctionEnd

Function SkipDirectoryWhenUpgrading
  ${If} $Upgrading == 1
    Abort
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ; Never install into (or above) the data folder: the program folder is replaced on upgrade.
  ${If} $INSTDIR == "${DATA_DIR}"
  ${OrIf} $INSTDIR == "$LOCALAPPDATA"
  ${OrIf} $INSTDIR == "$PROFILE"
    Abort "$(MsgDataDir)"
  ${EndIf}
FunctionEnd

; ---- Uninstall ----------------------------------------------------------------------------

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.WaitUntilClosed
  ; Only what the setup put there: never RMDir /r $INSTDIR (the user may have chosen a shared folder).
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  Delete "$INSTDIR\${EXE_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"

  ; The user's data: kept unless the user says otherwise (default button No; silent uninstall keeps it).
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(MsgRemoveData)" /SD ${SILENT_DATA_ANSWER} IDYES remove_data
  DetailPrint "Data kept: ${DATA_DIR}"
  Goto done
  remove_data:
    RMDir /r "${DATA_DIR}"
    DeleteRegKey HKCU "${SETTINGS_KEY}"
    DetailPrint "Data removed: ${DATA_DIR}"
  done:
SectionEnd
