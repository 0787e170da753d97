;;; emacs-common.el --- what the batch Emacs scripts of test/editors share  -*- lexical-binding: t; -*-

;; Loaded by emacs-eglot.el and emacs-lsp-mode.el: the result they write as JSON to DOCKER_COACH_RESULT, a wait
;; that lets the server's messages and Emacs's timers run, and a visit of a file as `find-file' does it.

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
