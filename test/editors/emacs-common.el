;;; emacs-common.el --- what the batch Emacs scripts of test/editors share  -*- lexical-binding: t; -*-

;; Loaded by emacs-eglot.el and emacs-lsp-mode.el: the result they write as JSON to DOCKER_COACH_RESULT, a wait
;; that lets the server's messages and Emacs's timers run, a visit of a file as `find-file' does it, and the steps
;; both clients go through.

(require 'package)
(package-initialize)
(require 'json)
(require 'cl-lib)

(defvar docker-coach-steps nil "The steps done, in order.")
(defvar docker-coach-result nil "The result, an alist.")

(defun docker-coach-put (key value)
  (setq docker-coach-result (append docker-coach-result (list (cons key value)))))

(defun docker-coach-wait (predicate seconds)
  "Wait for PREDICATE, handling the server's messages and timers, for up to SECONDS.
A batch Emacs never waits for keyboard input, so it never runs idle timers, and the LSP clients
send edits (didChange) and Flymake checks again on those: each turn runs the pending ones, as an
interactive Emacs does once the user pauses."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (dolist (timer (copy-sequence timer-idle-list))
        (timer-event-handler timer)))
    (funcall predicate)))

(defun docker-coach-visit (name managed)
  "Visit NAME as `find-file' does and run what Emacs runs after a command (where the clients connect).
Wait until MANAGED (a function) says the client manages the buffer, then for Flymake's diagnostics."
  (switch-to-buffer (find-file-noselect name))
  (run-hooks 'post-command-hook)
  (unless (docker-coach-wait managed 60)
    (error "The LSP client does not manage %s (%s)" name major-mode))
  (unless (docker-coach-wait #'flymake-diagnostics 60)
    (error "No diagnostics for %s" name)))

(defun docker-coach-flymake-lines ()
  "The lines of the current buffer's Flymake diagnostics, in order."
  (vconcat (sort (mapcar (lambda (d) (line-number-at-pos (flymake-diagnostic-beg d))) (flymake-diagnostics)) #'<)))

(defun docker-coach-scenario (client)
  "The steps test/editors/emacs.test.ts checks, through CLIENT: a plist of what differs between clients.
:managed  whether the client manages the current buffer;
:diagnostics  the current buffer's diagnostics, for the result;
:shows  whether a finding of the rule (a string) is shown;
:hover  the hover text at point;
:actions  the code actions on the current line;
:title, :kind, :preferred  an action's title, kind, and whether it is preferred;
:apply  applies an action as the client's own command does."
  (let ((call (lambda (key &rest args) (apply (plist-get client key) args))))
    (docker-coach-visit "web.dockerfile" (plist-get client :managed))
    (docker-coach-put 'dockerfileMode (symbol-name major-mode))
    (docker-coach-put 'diagnostics (funcall call :diagnostics))
    (push "diagnostics" docker-coach-steps)

    (goto-char (point-min))
    (forward-line 1)
    (forward-char 2)
    (docker-coach-put 'hover (funcall call :hover))
    (push "hover" docker-coach-steps)

    (let* ((actions (funcall call :actions))
           (preferred (cl-find-if (plist-get client :preferred) actions))
           (before (buffer-modified-tick)))
      (docker-coach-put 'codeActions
                        (vconcat (mapcar (lambda (a)
                                           (list (cons 'title (funcall call :title a))
                                                 (cons 'kind (funcall call :kind a))
                                                 (cons 'isPreferred (and (funcall call :preferred a) t))))
                                         actions)))
      (unless preferred (error "No preferred code action"))
      (funcall call :apply preferred)
      (docker-coach-put 'applied (funcall call :title preferred))
      (docker-coach-put 'textAfterFix (buffer-substring-no-properties (point-min) (point-max)))
      (unless (> (buffer-modified-tick) before) (error "The fix changed nothing"))
      ;; The edit goes to the server as didChange; wait for the MAINTAINER finding to go.
      (docker-coach-wait (lambda () (not (funcall call :shows "maintainer-deprecated"))) 60)
      (docker-coach-put 'diagnosticsAfterFix (funcall call :diagnostics)))
    (push "codeAction" docker-coach-steps)

    (docker-coach-visit "docker-compose.override.yml" (plist-get client :managed))
    (docker-coach-put 'composeMode (symbol-name major-mode))
    (docker-coach-put 'composeDiagnostics (funcall call :diagnostics))
    (push "compose" docker-coach-steps)))

(defun docker-coach-run (steps)
  "Run STEPS (a function), then write the result and end Emacs: exit code 1 after an error."
  (condition-case err
      (progn
        (load (getenv "DOCKER_COACH_INIT") nil t)
        (docker-coach-put 'emacs emacs-version)
        (funcall steps))
    (error (docker-coach-put 'error (error-message-string err))))
  (docker-coach-put 'steps (vconcat (reverse docker-coach-steps)))
  (with-temp-file (getenv "DOCKER_COACH_RESULT")
    (insert (json-encode docker-coach-result)))
  (kill-emacs (if (assq 'error docker-coach-result) 1 0)))

(provide 'emacs-common)
;;; emacs-common.el ends here
