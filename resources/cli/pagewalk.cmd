@echo off
rem The Pagewalk command line on Windows: installed as <install folder>\bin\pagewalk.cmd.
rem Runs Pagewalk.exe with the arguments, which answers as the command line
rem (pagewalk validate PACK, pagewalk run SCENARIO, ...). A batch file waits for the
rem program to finish, so the prompt comes back after its output, with its exit status.
rem Add <install folder>\bin to PATH to type just "pagewalk".
"%~dp0..\Pagewalk.exe" %*
exit /b %ERRORLEVEL%
