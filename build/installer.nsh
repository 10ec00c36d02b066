; kaigo-desk — NSIS include of the Windows installer (electron-builder.yml nsis.include).
; Change only with a security review: it places the terminal policy (shared/policy/terminal-policy.ts), the file that
; decides the backend, the kiosk mode and the export rights of the terminal.
;
; Install: the machine-wide policy lives in %ProgramData%\kaigo-desk\terminal-policy.json, the path
; electron/main/services/terminal-policy-loader.ts reads (terminalPolicyPath). The ward prepares the policy for the
; terminal kind (samples in resources\policies\: ward-terminal, consultation-centre-laptop, kiosk) and passes it as
;   kaigo-desk-<version>-setup.exe /POLICY=C:\path\to\terminal-policy.json
; or puts terminal-policy.json beside the setup program. Without one, an existing policy is kept; with none at all the
; app refuses to start with the Japanese message of the loader (no fallback).
; The directory and the file get an ACL without inheritance: Administrators and SYSTEM full control, Users read only
; (SIDs, so that a Japanese Windows, whose group names are translated, gets the same ACL).
; Uninstall: the policy file and its directory are removed — but not when the uninstaller runs for an update.

!include "FileFunc.nsh"

!define KAIGO_POLICY_DIR_NAME "kaigo-desk"
!define KAIGO_POLICY_FILE_NAME "terminal-policy.json"
; BUILTIN\Administrators, NT AUTHORITY\SYSTEM, BUILTIN\Users
!define KAIGO_SID_ADMINISTRATORS "*S-1-5-32-544"
!define KAIGO_SID_SYSTEM "*S-1-5-18"
!define KAIGO_SID_USERS "*S-1-5-32-545"

; $R9 ← the machine-wide ProgramData directory (C:\ProgramData unless %ProgramData% says otherwise).
!macro kaigoProgramData
  ReadEnvStr $R9 "PROGRAMDATA"
  ${If} $R9 == ""
    StrCpy $R9 "C:\ProgramData"
  ${EndIf}
!macroend

!macro customInstall
  !insertmacro kaigoProgramData
  StrCpy $R8 "$R9\${KAIGO_POLICY_DIR_NAME}"
  StrCpy $R7 "$R8\${KAIGO_POLICY_FILE_NAME}"

  ; The policy to install: /POLICY=<path>, else terminal-policy.json beside the setup program, else none.
  ${GetParameters} $R6
  ClearErrors
  ${GetOptions} $R6 "/POLICY=" $R5
  ${If} ${Errors}
    StrCpy $R5 "$EXEDIR\${KAIGO_POLICY_FILE_NAME}"
  ${EndIf}

  CreateDirectory "$R8"
  ; Directory: no inherited entries; Administrators and SYSTEM full control, Users read and list only.
  nsExec::ExecToLog 'icacls "$R8" /inheritance:r /grant:r "${KAIGO_SID_ADMINISTRATORS}:(OI)(CI)F" "${KAIGO_SID_SYSTEM}:(OI)(CI)F" "${KAIGO_SID_USERS}:(OI)(CI)RX"'
  Pop $R4
  ${If} $R4 != "0"
    MessageBox MB_ICONSTOP|MB_OK "端末ポリシーの置き場所（$R8）のアクセス権を設定できませんでした。" /SD IDOK
    Abort
  ${EndIf}

  ${If} ${FileExists} "$R5"
    ClearErrors
    CopyFiles /SILENT "$R5" "$R7"
    ${If} ${Errors}
      MessageBox MB_ICONSTOP|MB_OK "端末ポリシー（$R5）を $R7 に配置できませんでした。" /SD IDOK
      Abort
    ${EndIf}
  ${EndIf}

  ${If} ${FileExists} "$R7"
    ; File: the same owners; Users may read it, never write, replace or delete it.
    nsExec::ExecToLog 'icacls "$R7" /inheritance:r /grant:r "${KAIGO_SID_ADMINISTRATORS}:F" "${KAIGO_SID_SYSTEM}:F" "${KAIGO_SID_USERS}:R"'
    Pop $R4
    ${If} $R4 != "0"
      MessageBox MB_ICONSTOP|MB_OK "端末ポリシー（$R7）を職員が読み取り専用となるよう設定できませんでした。" /SD IDOK
      Abort
    ${EndIf}
  ${Else}
    DetailPrint "端末ポリシーが指定されていません（$R7 がないと kaigo-desk は起動しません）"
  ${EndIf}
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first: the terminal's policy must survive it.
  ${IfNot} ${isUpdated}
    !insertmacro kaigoProgramData
    Delete "$R9\${KAIGO_POLICY_DIR_NAME}\${KAIGO_POLICY_FILE_NAME}"
    RMDir "$R9\${KAIGO_POLICY_DIR_NAME}"
  ${EndIf}
!macroend
