;;; emacs-eglot.el --- Eglot against Docker Coach, in a batch Emacs  -*- lexical-binding: t; -*-

;; Loads the user configuration DOCKER_COACH_INIT (the Emacs configuration of docs/editors.md for this Emacs),
;; then visits web.dockerfile and docker-compose.override.yml in the current folder the way a user would, and
;; writes what Emacs shows as JSON to DOCKER_COACH_RESULT: each buffer's mode and Flymake diagnostics, the hover
;; and the code actions on the MAINTAINER line, the text after the preferred fix, and the diagnostics after it.
;; test/editors/emacs.test.ts runs it and checks the JSON.

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
A batch Emacs never waits for keyboard input, so it never runs idle timers, and Eglot sends
edits (didChange) and Flymake checks again on those: each turn runs the pending ones, as an
interactive Emacs does once the user pauses."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (dolist (timer (copy-sequence timer-idle-list))
        (timer-event-handler timer)))
    (funcall predicate)))

(defun docker-coach-diagnostics ()
  "The current buffer's Flymake diagnostics: line, type and text, in buffer order."
  (vconcat
   (mapcar (lambda (d)
             (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                   (cons 'type (symbol-name (flymake-diagnostic-type d)))
                   (cons 'text (flymake-diagnostic-text d))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun docker-coach-visit (name)
  "Visit NAME as `find-file' does, and run what Emacs runs after a command (where `eglot-ensure' connects)."
  (switch-to-buffer (find-file-noselect name))
  (run-hooks 'post-command-hook)
  (unless (docker-coach-wait #'eglot-managed-p 60)
    (error "Eglot does not manage %s (%s)" name major-mode))
  (unless (docker-coach-wait #'flymake-diagnostics 60)
    (error "No diagnostics for %s" name)))

(condition-case err
    (progn
      (load (getenv "DOCKER_COACH_INIT") nil t)
      ;; The documented settings, with two rules changed: one off, one raised to an error.
      (setq-default eglot-workspace-configuration
                    '(:dockerCoach (:preset "recommended"
                                    :rules (:apt-get-no-recommends "off" :exec-form-cmd "error"))))
      (docker-coach-put 'emacs emacs-version)
      (docker-coach-visit "web.dockerfile")
      (docker-coach-put 'dockerfileMode (symbol-name major-mode))
      (docker-coach-put 'diagnostics (docker-coach-diagnostics))
      (push "diagnostics" docker-coach-steps)

      (goto-char (point-min))
      (forward-line 1)
      (forward-char 2)
      (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                    (eglot--TextDocumentPositionParams))))
        (docker-coach-put 'hover (plist-get (plist-get hover :contents) :value)))
      (push "hover" docker-coach-steps)

      (let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position)))
             (preferred (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) actions))
             (before (buffer-modified-tick)))
        (docker-coach-put 'codeActions
                          (vconcat (mapcar (lambda (a)
                                             (list (cons 'title (plist-get a :title))
                                                   (cons 'kind (plist-get a :kind))
                                                   (cons 'isPreferred (eq (plist-get a :isPreferred) t))))
                                           actions)))
        (unless preferred (error "No preferred code action"))
        ;; What `M-x eglot-code-actions' does with the action picked.
        (eglot--apply-workspace-edit (plist-get preferred :edit))
        (docker-coach-put 'applied (plist-get preferred :title))
        (docker-coach-put 'textAfterFix (buffer-substring-no-properties (point-min) (point-max)))
        (unless (> (buffer-modified-tick) before) (error "The fix changed nothing"))
        ;; The edit goes to the server as didChange; wait for Flymake to drop the MAINTAINER finding.
        (docker-coach-wait (lambda ()
                             (not (cl-some (lambda (d) (string-match-p "maintainer-deprecated"
                                                                       (flymake-diagnostic-text d)))
                                           (flymake-diagnostics))))
                           60)
        (docker-coach-put 'diagnosticsAfterFix (docker-coach-diagnostics)))
      (push "codeAction" docker-coach-steps)

      (docker-coach-visit "docker-compose.override.yml")
      (docker-coach-put 'composeMode (symbol-name major-mode))
      (docker-coach-put 'composeDiagnostics (docker-coach-diagnostics))
      (push "compose" docker-coach-steps))
  (error (docker-coach-put 'error (error-message-string err))))

(docker-coach-put 'steps (vconcat (reverse docker-coach-steps)))
(with-temp-file (getenv "DOCKER_COACH_RESULT")
  (insert (json-encode docker-coach-result)))
(kill-emacs (if (assq 'error docker-coach-result) 1 0))

;;; emacs-eglot.el ends here
