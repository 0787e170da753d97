;;; emacs-eglot.el --- Eglot against Docker Coach, in a batch Emacs  -*- lexical-binding: t; -*-

;; Loads the user configuration DOCKER_COACH_INIT (the Eglot configuration of docs/editors.md for this Emacs),
;; visits web.dockerfile and docker-compose.override.yml in the current folder as a user would, and writes what
;; Emacs shows as JSON to DOCKER_COACH_RESULT: each buffer's mode and Flymake diagnostics, the hover and the code
;; actions on the MAINTAINER line, the text after the preferred fix, and the diagnostics after it.
;; test/editors/emacs.test.ts runs it and checks the JSON.

(load (expand-file-name "emacs-common" (file-name-directory load-file-name)) nil t)

(defun docker-coach-eglot-lsp (d)
  "The LSP diagnostic Eglot made the Flymake diagnostic D from."
  (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun docker-coach-eglot-diagnostics ()
  "The current buffer's Flymake diagnostics, each with the LSP diagnostic it was made from, in order."
  (list (cons 'lsp
              (vconcat
               (mapcar (lambda (d)
                         (let ((lsp (docker-coach-eglot-lsp d)))
                           (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                                 (cons 'severity (plist-get lsp :severity))
                                 (cons 'rule (plist-get lsp :code))
                                 (cons 'text (flymake-diagnostic-text d)))))
                       (sort (flymake-diagnostics)
                             (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
        (cons 'flymakeLines (docker-coach-flymake-lines))))

(defun docker-coach-shows (rule)
  (cl-some (lambda (d) (equal (plist-get (docker-coach-eglot-lsp d) :code) rule)) (flymake-diagnostics)))

(docker-coach-run
 (lambda ()
   ;; The documented settings, with two rules changed: one off, one raised to an error.
   (setq-default eglot-workspace-configuration
                 '(:dockerCoach (:preset "recommended"
                                 :rules (:apt-get-no-recommends "off" :exec-form-cmd "error"))))
   (docker-coach-visit "web.dockerfile" #'eglot-managed-p)
   (docker-coach-put 'dockerfileMode (symbol-name major-mode))
   (docker-coach-put 'diagnostics (docker-coach-eglot-diagnostics))
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
     (docker-coach-wait (lambda () (not (docker-coach-shows "maintainer-deprecated"))) 60)
     (docker-coach-put 'diagnosticsAfterFix (docker-coach-eglot-diagnostics)))
   (push "codeAction" docker-coach-steps)

   (docker-coach-visit "docker-compose.override.yml" #'eglot-managed-p)
   (docker-coach-put 'composeMode (symbol-name major-mode))
   (docker-coach-put 'composeDiagnostics (docker-coach-eglot-diagnostics))
   (push "compose" docker-coach-steps)))

;;; emacs-eglot.el ends here
