; Leader election among volunteers: 3 processes, at most 1 crash, 2 rounds. Input 1 means "I
; volunteer"; correct processes elect the same leader, and a volunteer whenever some correct
; process volunteers. Possible: flood the least index of a volunteer (Protocols/leader-volunteer.protocol).
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 3)   ; a decision is a process index
(set-info :states 6)
(set-info :round-aware true)
(set-info :identities true)
(set-info :expect realizable)

; Correct processes elect the same leader.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; If some correct process volunteers, the leader volunteered.
(define-fun volunteer () Bool
  (=> (exists ((k Proc)) (and (correct k) (= (input k) 1)))
      (forall ((i Proc))
        (=> (correct i) (exists ((j Proc)) (and (= (index j) (decision i)) (= (input j) 1)))))))

(assert agreement)
(assert volunteer)
